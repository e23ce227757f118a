// One place that turns command-line flags and ansible2chef.toml into what a run needs. Flags win
// over the config; the config wins over built-in defaults. Paths from flags are relative to the
// current directory, paths from the config to the config file's directory. The output-changing
// options a convert took from its flags are recorded in the output's manifest and read after the
// config by every command, so a later `check`, `diff`, `plan`, `audit` or `convert` without those
// flags works on the same conversion (and says so).
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { ConvertOptions } from '../convert.js';
import { diagnostic, type Diagnostic } from '../base/diagnostics.js';
import { findConfig } from '../config/find.js';
import type { ProjectConfig } from '../config/schema.js';
import { MANIFEST_PATH, type RecordedOptions } from '../workspace/manifest.js';
import { lastRecordedOptions } from '../workspace/last-run.js';

/** Flags shared by the commands that convert (convert, check, diff, plan). */
export interface CommonFlags {
  config?: string;
  out?: string;
  namespace?: string;
  json?: boolean;
  quiet?: boolean;
  /** Declared by the audit work in convert-command.ts; read here when present. */
  ipv6Only?: boolean;
  tlsPolicy?: 'warn' | 'strict';
  groups?: 'static' | 'search';
  role?: string[];
  playbook?: string;
  /** `--mappings DIR` (convert): extra mapping directories, after the config's. */
  mappings?: string[];
}

export interface Settings {
  inputPath: string;
  outDir: string;
  configPath?: string;
  config: ProjectConfig;
  /** Options for convert() that come from settings (kind and entry come from reading the input). */
  options: Pick<
    ConvertOptions,
    | 'namespace'
    | 'cookbookNames'
    | 'ipv6Only'
    | 'tlsPolicy'
    | 'groups'
    | 'attributeKeys'
    | 'mappingDirs'
    | 'plugins'
    | 'cookbookMetadata'
    | 'extraVarTypes'
    | 'extraVarFiles'
    | 'inferInputTypes'
  >;
  roles: string[];
  /** `--playbook`, as given; made relative to the input root once the input is read. */
  playbook?: string;
  /** Extra mapping dirs and plugins, absolute (validated here, used by the mapping layer). */
  mappingDirs: string[];
  plugins: string[];
  /** What the next manifest records: the options that came from flags or from the last manifest. */
  recorded: RecordedOptions;
  /** The options taken from the last convert's manifest, as flags (for the note every command prints). */
  fromManifest: string[];
}

export type Resolved = { ok: true; settings: Settings; warnings: string[]; notes: string[] } | { ok: false; diagnostics: Diagnostic[] };

export function resolveSettings(pathArg: string | undefined, flags: CommonFlags, cwd = process.cwd()): Resolved {
  const found = findConfig({ ...(flags.config ? { explicit: flags.config } : {}), ...(pathArg ? { inputPath: pathArg } : {}), cwd });
  if (found.diagnostics.length) return { ok: false, diagnostics: found.diagnostics };
  const c = found.config;
  const fromConfig = (p: string) => resolve(found.baseDir, p);
  const inputPath = pathArg !== undefined ? resolve(cwd, pathArg) : c.input !== undefined ? fromConfig(c.input) : resolve(cwd, 'playbooks');
  const outDir =
    flags.out !== undefined ? resolve(cwd, flags.out) : c.output !== undefined ? fromConfig(c.output) : resolve(cwd, 'cookbooks-out');
  // Flags, then the config, then what the last convert recorded (the options it took from flags).
  const last: RecordedOptions = lastRecordedOptions(outDir);
  const fromManifest: string[] = [];
  const pick = <T>(
    flag: T | undefined,
    config: T | undefined,
    recorded: T | undefined,
    spelled: (v: T) => string,
  ): { value: T | undefined; record: T | undefined } => {
    if (flag !== undefined) return { value: flag, record: flag };
    if (config !== undefined) return { value: config, record: undefined };
    if (recorded !== undefined) fromManifest.push(spelled(recorded));
    return { value: recorded, record: recorded };
  };
  const namespace = pick(flags.namespace, c.namespace, last.namespace, (v) => `--namespace ${v}`);
  const ipv6 = pick(flags.ipv6Only, c.ipv6Only, last.ipv6Only, () => '--ipv6-only');
  const tls = pick<'warn' | 'strict'>(flags.tlsPolicy, c.tlsPolicy, last.tlsPolicy, (v) => `--tls-policy ${v}`);
  const grp = pick<'static' | 'search'>(flags.groups, c.groups, last.groups, (v) => `--groups ${v}`);
  const ipv6Only = ipv6.value;
  const tlsPolicy = tls.value;
  const groups = grp.value;
  // --mappings adds to the config's directories; without it, the directories the last convert was given.
  const lastMappings = flags.mappings === undefined ? (last.mappings ?? []).map((p) => resolve(outDir, p)) : [];
  for (const p of lastMappings) fromManifest.push(`--mappings ${display(cwd, p)}`);
  const flagMappings = [...(flags.mappings ?? []).map((p) => resolve(cwd, p)), ...lastMappings];
  const mappingDirs = [...c.mappingDirs.map(fromConfig), ...flagMappings];
  const recorded: RecordedOptions = {
    ...(namespace.record !== undefined && namespace.record !== 'ansible' ? { namespace: namespace.record } : {}),
    ...(ipv6.record === true ? { ipv6Only: true } : {}),
    ...(tls.record === 'strict' ? { tlsPolicy: 'strict' as const } : {}),
    ...(grp.record === 'search' ? { groups: 'search' as const } : {}),
    ...(flagMappings.length ? { mappings: flagMappings.map((p) => relative(outDir, p).split(sep).join('/') || '.') } : {}),
  };
  const plugins = c.plugins.map(fromConfig);
  const extraVarFiles = c.extraVarFiles.map(fromConfig);
  const origin = (p: string) =>
    lastMappings.includes(p)
      ? `the last convert's --mappings, recorded in ${display(cwd, join(outDir, MANIFEST_PATH))}`
      : flags.mappings?.some((m) => resolve(cwd, m) === p)
        ? '--mappings'
        : display(cwd, found.path ?? cwd);
  const problems = [
    ...mappingDirs.map((p) => [p, 'dir'] as const),
    ...plugins.map((p) => [p, 'file'] as const),
    ...extraVarFiles.map((p) => [p, 'any'] as const),
  ].flatMap(([p, want]) => {
    const why = !existsSync(p) ? 'no such file or directory' : want === 'dir' && !statSync(p).isDirectory() ? 'not a directory' : undefined;
    return why ? [diagnostic('A2C-CONFIG-PATH', `${display(cwd, p)}: ${why} (from ${origin(p)})`)] : [];
  });
  if (problems.length) return { ok: false, diagnostics: problems };
  const settings: Settings = {
    inputPath,
    outDir,
    config: c,
    options: {
      namespace: namespace.value ?? 'ansible',
      ...(Object.keys(c.cookbookNames).length ? { cookbookNames: c.cookbookNames } : {}),
      ...(ipv6Only ? { ipv6Only } : {}),
      ...(tlsPolicy ? { tlsPolicy } : {}),
      ...(groups ? { groups } : {}),
      ...(c.attributeKeys ? { attributeKeys: c.attributeKeys } : {}),
      ...(mappingDirs.length ? { mappingDirs } : {}),
      ...(plugins.length ? { plugins } : {}),
      ...(Object.keys(c.cookbook).length ? { cookbookMetadata: c.cookbook } : {}),
      ...(Object.keys(c.extraVarTypes).length ? { extraVarTypes: c.extraVarTypes } : {}),
      ...(extraVarFiles.length ? { extraVarFiles } : {}),
      ...(c.inferInputTypes === false ? { inferInputTypes: false } : {}),
    },
    roles: flags.role ?? [],
    ...(flags.playbook !== undefined ? { playbook: flags.playbook } : {}),
    ...(found.path ? { configPath: found.path } : {}),
    mappingDirs,
    plugins,
    recorded,
    fromManifest,
  };
  const warnings: string[] = [];
  const notes = fromManifest.length
    ? [
        `using the options of the last convert, recorded in ${display(cwd, join(outDir, MANIFEST_PATH))}: ${fromManifest.join(' ')} (a flag or the config overrides them)`,
      ]
    : [];
  return { ok: true, settings, warnings, notes };
}

/** A path as the user should see it: relative to cwd when inside it. */
export function display(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return r && !r.startsWith('..' + sep) && r !== '..' ? r.split(sep).join('/') : p;
}
