// The library entry: convert(input, options) -> { files, diagnostics, stats }.
// load -> audit -> translate (applying the audit's fixes) -> print -> (the caller writes). No
// user-file I/O happens here.
import { shimUses } from './report/shim-uses.js';
import type { AttributeKeys } from './resolve/attribute-keys.js';
import { type Diagnostic, DiagnosticSink, type Span } from './base/diagnostics.js';
import { type EntryKind, InputIndex, type InputTree } from './load/ansible/input.js';
import { loadProject } from './load/ansible/project-loader.js';
import { LoadContext } from './load/ansible/load-context.js';
import { sharedTemplateParser } from './load/jinja/template-parses.js';
import { canonicalModule, type ModuleTable } from './mapping/modules.js';
import { builtinTables, type Tables } from './mapping/tables.js';
import { translateProject, type ChefProject } from './translate/project.js';
import type { Project } from './load/ansible/model.js';
import { isAttributesFile, layoutCookbook, layoutNode, layoutPolicy, layoutSupportCookbook, type OutputFiles } from './print/layout.js';
import { checkRuby, checkRubyStatements, formatRubyErrors, printedAssignment, startRubyCheck } from './print/index.js';
import { RubyPrintError } from './print/quote.js';
import { isSafeOutputPath } from './workspace/write.js';
import { SUPPORT_COOKBOOK_NAME } from './support-cookbook/files.js';
import { computeStats, type Stats } from './report/stats.js';
import type { Cookbook, PolicyFile } from './ir/chef-ir.js';
import { Accounting, type Entry } from './translate/accounting.js';
import { audit, auditFindings, type Findings } from './audit/index.js';
import { conversionMarkdown, cookbookReadme } from './report/markdown.js';
import { playHostsMarkdown } from './report/play-hosts.js';
import type { CookbookMetadata } from './config/schema.js';
import type { DeclaredType } from './config/var-types.js';
import { readExtraVarFiles } from './config/extra-var-files.js';
import { factLookupTables } from './jinja-to-ruby/facts.js';
import { withParseCache } from './load/jinja/index.js';

export interface ConvertOptions {
  /** What the input root is; detected when absent. */
  kind?: EntryKind;
  /** With kind 'playbook': the playbook's path relative to the root. */
  entry?: string;
  /** Name of the input root directory (the role name when converting a single role). */
  rootName?: string;
  /** Attribute namespace for variables no single role owns. */
  namespace?: string;
  cookbookNames?: Record<string, string>;
  /** A module table instead of the built-in one (the other tables built-in). */
  modules?: ModuleTable;
  /** User mapping directories (absolute), merged over the built-in tables; plugins/*.ts in them are loaded. */
  mappingDirs?: string[];
  /** Plugin files named one by one (absolute). */
  plugins?: string[];
  /** Tables already merged (by loadMappings); wins over mappingDirs/plugins and modules. */
  mappings?: Tables;
  /** `groups[...]`/`group_names`: static attributes from the inventory (default) or Chef search. */
  groups?: 'static' | 'search';
  /** Rewrite IPv4-only binds to IPv6 (`--ipv6-only`). */
  ipv6Only?: boolean;
  /** `strict`: self-signed and snake-oil certificates are errors. */
  tlsPolicy?: 'warn' | 'strict';
  /** Maintainer, license and source URL for every metadata.rb (the config's `[cookbook]`). */
  cookbookMetadata?: CookbookMetadata;
  /** `ansible`: attribute keys are the variables' own names (`['cinder']['cinder_packages']`), not the short keys. */
  attributeKeys?: AttributeKeys;
  /** The config's `[extra-var-types]`: types of variables set outside the input (config/var-types.ts). */
  extraVarTypes?: Record<string, DeclaredType>;
  /** The config's `extra-var-files` (absolute): variable files set outside the input, read for their types. */
  extraVarFiles?: string[];
  /** The config's `infer-input-types` (default true): contracts inferred from use (resolve/use-contracts.ts). */
  inferInputTypes?: boolean;
  /**
   * A full garbage collection, called where the run has made or dropped most of what it holds (after
   * loading; after the symbol table; before the roles are translated; after the loaded project is
   * released; after the files are printed and checked): the heap is then sized on what is live, not
   * on garbage (the CLI's cli/heap.ts). Output never depends on it.
   */
  collectGarbage?: () => void;
  /**
   * Whether a run already checked exactly this Ruby text at this path (the previous manifest records
   * its hash: only text that parsed is ever written and recorded). Such a file is not parsed again.
   * Output never depends on it: Prism's answer for the same bytes is the same.
   */
  checkedBefore?: (path: string, content: string) => boolean;
}

export interface ConversionResult {
  files: OutputFiles;
  diagnostics: Diagnostic[];
  stats: Stats;
  /** The Chef IR the files were printed from (for tools: schema checks, audits, plans). */
  cookbooks: Cookbook[];
  /** What the analyze stage found (IPv6/TLS audit). */
  findings: Findings;
  /** The Policyfiles (for selecting a playbook's output). */
  policies: PolicyFile[];
  /** Every task's outcome (converted, TODO, ignored) with its span, in source order (for plans). */
  tasks: Entry[];
}

/** The stages before printing: load -> audit -> translate. */
export interface PreparedConversion {
  /** The mapping tables the stages read. */
  tables: Tables;
  project: Project;
  chef: ChefProject;
  findings: Findings;
  sink: DiagnosticSink;
}

export function prepareConversion(input: InputTree, options: ConvertOptions = {}): PreparedConversion {
  // Parses are shared by the stages of this run only (load/jinja/parser.ts).
  return withParseCache(() => prepareStages(input, options));
}

function prepareStages(input: InputTree, options: ConvertOptions): PreparedConversion {
  const sink = new DiagnosticSink();
  const tables = tablesOf(options);
  const canon = (n: string) => canonicalModule(tables.modules, n);
  const project = loadProject(input, sink, { canonicalModule: canon, ...pick(options) });
  options.collectGarbage?.();
  const index = new InputIndex(input);
  const textSink = new DiagnosticSink();
  const texts = new LoadContext(index, textSink, canon);
  const parseTemplate = sharedTemplateParser();
  // The IPv6/TLS audit reads the loaded project; its fixes are applied by the translator where it
  // emits the nodes they are keyed by.
  const audited = audit(project, {
    text: (f) => texts.text(f),
    parseTemplate,
    ...(options.ipv6Only ? { ipv6Only: true } : {}),
    ...(options.tlsPolicy ? { tlsPolicy: options.tlsPolicy } : {}),
    rules: tables.rules,
  });
  const chef = translateProject(project, index, tables, sink, (f) => texts.text(f) ?? '', {
    templateText: (f) => texts.templateText(f) ?? '',
    parseTemplate,
    ...(options.groups ? { groupsMode: options.groups } : {}),
    namespace: options.namespace ?? 'ansible',
    supportCookbook: SUPPORT_COOKBOOK_NAME,
    fixes: audited.plan,
    printAssignment: printedAssignment,
    ...(options.collectGarbage ? { collectGarbage: options.collectGarbage } : {}),
    ...(options.cookbookNames ? { cookbookNames: options.cookbookNames } : {}),
    ...(options.attributeKeys ? { attributeKeys: options.attributeKeys } : {}),
    ...(options.extraVarTypes ? { extraVarTypes: options.extraVarTypes } : {}),
    ...(options.extraVarFiles ? { extraVarSources: readExtraVarFiles(options.extraVarFiles) } : {}),
    ...(options.inferInputTypes === false ? { inferInputTypes: false } : {}),
  });

  // Templates and files are first read by the translator: their encoding problems are reported here,
  // once (YAML files were already reported by the loader).
  const reported = new Set(sink.items.filter((d) => d.code === 'A2C-ENCODING').map((d) => d.span?.file));
  for (const d of textSink.items) if (d.code === 'A2C-ENCODING' && !reported.has(d.span?.file)) sink.add(d);

  // A fix is applied where what it produced is part of the translated project.
  // Attributes first: most fixes are in variable definitions (a bind address in defaults), and the
  // whole project, searched last, is the attributes' three times over (a 1000-role estate: its last
  // fix, in the last cookbook's defaults, was found after walking 773k objects).
  audited.plan.collect(
    [chef.cookbooks, chef.policies],
    chef.cookbooks.map((c) => c.attributes),
  );
  // The audit's findings are reported after the translation: the translator's self-signed
  // diagnostic at the same place is the same finding, and the fixes it could not apply are said so.
  const findings = auditFindings(audited, sink, { translated: true, attributePath: (v) => chef.symbols.get(v)?.path });
  return { tables, project, chef, findings, sink };
}

export async function convert(input: InputTree, options: ConvertOptions = {}): Promise<ConversionResult> {
  if (!options.mappings && (options.mappingDirs?.length || options.plugins?.length)) {
    // Loaded only when asked for: plugins bring in the TypeScript compiler.
    const { loadMappings } = await import('./mapping/user.js');
    const { CODE_NAMES } = await import('./translate/code-names.js');
    const loaded = await loadMappings(CODE_NAMES, options.mappingDirs ?? [], options.plugins ?? []);
    if (!loaded.set) return refused(loaded.diagnostics);
    // Overrides and conflicts are reported with the conversion's diagnostics.
    return withLoadDiagnostics(await convert(input, { ...options, mappings: loaded.set }), loaded.diagnostics);
  }
  // The syntax check's WASM compiles in the background while the stages run (it is needed last).
  startRubyCheck();
  const { tables, chef, findings, sink, hosts } = translated(input, options);
  options.collectGarbage?.();

  const files: OutputFiles = new Map();
  const preliminary = sink.sorted();
  for (const cb of chef.cookbooks)
    layoutPrinted(cb.name, sink, files, (out) => layoutCookbook(cb, cookbookReadme(cb, preliminary), out, options.cookbookMetadata ?? {}));
  for (const p of chef.policies) layoutPrinted(`policyfiles/${p.name}.rb`, sink, files, (out) => layoutPolicy(p, out));
  for (const n of chef.nodes) layoutNode(n, files);
  const shipped = layoutSupportCookbook(files, factLookupTables(tables));

  // Names from the input (hosts, roles, files) become output paths: none may leave the output directory.
  for (const path of [...files.keys()]) {
    if (isSafeOutputPath(path)) continue;
    files.delete(path);
    const host = path.startsWith('nodes/') ? hosts.get(path.slice('nodes/'.length, -'.json'.length)) : undefined;
    sink.error(
      'A2C-UNSAFE-PATH',
      `output path ${JSON.stringify(path)} would leave the output directory or hold a control character; not written`,
      host,
    );
  }

  // Every Ruby file parses before anyone can write it; one that does not is an internal error. The
  // support cookbook's shipped files are the tool's own text, parsed by its tests: checking them again
  // here cost every run a fixed tenth of a second or more (Prism's slow first parses included). A
  // file byte-identical to one a previous run checked and wrote is not parsed again either: a re-run
  // that renders every cookbook again (a changed group_vars file) finds most of its Ruby unchanged.
  for (const [path, content] of files) {
    if (!path.endsWith('.rb') || typeof content !== 'string' || shipped.get(path) === content) continue;
    if (options.checkedBefore?.(path, content)) continue;
    const check = await (isAttributesFile(path) ? checkRubyStatements : checkRuby)(content, path);
    if (!check.ok) {
      files.delete(path);
      sink.error(
        'A2C-INTERNAL-RUBY',
        `internal error: generated ${path} does not parse and was not written`,
        undefined,
        formatRubyErrors(path, check.errors).split('\n'),
      );
    }
  }
  // The printed files are made and checked: what printing and Prism's checks dropped is collected
  // before the report, the largest text the run builds after them (a 10 MB CONVERSION.md for an
  // 8 MB defaults file), is made on top. Without it the heap grew by the report's size again and the
  // writer's buffers came on top of that: the run's peak once the earlier one was gone (issue 17).
  options.collectGarbage?.();
  const diagnostics = sink.sorted();
  const stats = computeStats(chef.accounting, chef.cookbooks.length, diagnostics);
  const nodeNeeds = new Map(
    Object.entries(stats.modules).flatMap(([m, s]) => {
      const need = s.converted ? tables.modules.modules.get(m)?.node_needs : undefined;
      return need ? [[m, need] as const] : [];
    }),
  );
  files.set(
    'CONVERSION.md',
    conversionMarkdown(
      stats,
      chef.symbols,
      diagnostics,
      findings.markdown,
      chef.vaults,
      chef.computedOnNode,
      shimUses(
        chef.cookbooks.filter((c) => c.name !== SUPPORT_COOKBOOK_NAME),
        tables.shimReasons,
      ),
      nodeNeeds,
      options.extraVarTypes,
      playHostsMarkdown(chef.playHostsReaders, chef.policies, chef.symbols.namespace),
      chef.controllerInputs,
    ),
  );
  const tasks = chef.accounting
    .all()
    .sort((a, b) =>
      a.span.file !== b.span.file ? (a.span.file < b.span.file ? -1 : 1) : a.span.line - b.span.line || a.span.col - b.span.col,
    );
  return { files: sortFiles(files), diagnostics, stats, cookbooks: chef.cookbooks, findings, policies: chef.policies, tasks };
}

/**
 * Prints into `files` only when the whole unit prints. The printer throws RubyPrintError for IR it
 * cannot print faithfully (a translator bug); that must cost one unit, not the run. The message names
 * the unit, not the value, which may be a secret.
 */
function layoutPrinted(unit: string, sink: DiagnosticSink, files: OutputFiles, print: (out: OutputFiles) => void): void {
  const out: OutputFiles = new Map();
  try {
    print(out);
  } catch (e) {
    if (!(e instanceof RubyPrintError)) throw e;
    sink.error('A2C-INTERNAL-PRINT', `internal error: ${unit} could not be printed as Ruby and was not written`);
    return;
  }
  for (const [path, content] of out) files.set(path, content);
}

/**
 * The stages before printing, keeping only what printing reads: the loaded project (YAML nodes,
 * spans, source texts) and the task list are no longer reachable, so the GC can reclaim them
 * before the printer builds the output text.
 */
function translated(
  input: InputTree,
  options: ConvertOptions,
): Omit<PreparedConversion, 'project' | 'chef'> & { chef: Omit<ChefProject, 'tasks'>; hosts: Map<string, Span> } {
  const { project, chef: withTasks, ...rest } = prepareConversion(input, options);
  const { tasks, ...chef } = withTasks;
  // Never silent: every loaded task was converted, made a TODO, or ignored with a diagnostic.
  for (const lost of chef.accounting.missing(tasks)) {
    rest.sink.error('A2C-INTERNAL-LOST-TASK', `internal error: task was neither converted, TODO nor ignored`, lost.span);
  }
  return { ...rest, chef, hosts: hostSpans(project) };
}

/** Where each inventory host is defined (the first inventory that names it). */
function hostSpans(project: Project): Map<string, Span> {
  const out = new Map<string, Span>();
  for (const inv of project.inventories) for (const [name, h] of inv.hosts) if (!out.has(name)) out.set(name, h.span);
  return out;
}

/** Mapping tables or plugins with errors: nothing is converted, the diagnostics say why. */
function refused(diagnostics: Diagnostic[]): ConversionResult {
  const sink = new DiagnosticSink();
  for (const d of diagnostics) sink.add(d);
  const sorted = sink.sorted();
  return {
    files: new Map(),
    diagnostics: sorted,
    stats: computeStats(new Accounting(), 0, sorted),
    cookbooks: [],
    findings: { markdown: '', json: {} },
    policies: [],
    tasks: [],
  };
}

function withLoadDiagnostics(result: ConversionResult, extra: Diagnostic[]): ConversionResult {
  if (!extra.length) return result;
  const sink = new DiagnosticSink();
  for (const d of [...extra, ...result.diagnostics]) sink.add(d);
  return { ...result, diagnostics: sink.sorted() };
}

/** The tables a conversion reads: merged ones given by the caller, else the built-in ones. */
function tablesOf(o: ConvertOptions): Tables {
  if (o.mappings) return o.mappings;
  return o.modules ? { ...builtinTables(), modules: o.modules } : builtinTables();
}

function pick(o: ConvertOptions) {
  return {
    ...(o.kind ? { kind: o.kind } : {}),
    ...(o.entry ? { entry: o.entry } : {}),
    ...(o.rootName ? { rootName: o.rootName } : {}),
  };
}

function sortFiles(files: OutputFiles): OutputFiles {
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
