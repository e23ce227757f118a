// Loading user plugins: type-check against the published API (src/mapping/plugins/api.ts) with ts-morph,
// transpile with the TypeScript bundled in ts-morph, import from a data: URL. ts-morph (and with
// it TypeScript's compiler) is imported only here and only when there are plugins, so start-up
// and conversions without plugins never pay for it. Nothing throws for a bad plugin: every
// problem is a diagnostic with file:line:col, and a run with plugin errors converts nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../../base/diagnostics.js';
import { pluginApiFile } from '../plugin-api-file.js';
import { PLUGIN_API_VERSION, type ModulePlugin } from './api.js';

export interface LoadedPlugin {
  plugin: ModulePlugin;
  /** The plugin file as the user named it (for diagnostics and the support matrix). */
  file: string;
}

export interface PluginLoad {
  plugins: LoadedPlugin[];
  diagnostics: Diagnostic[];
}

// Type-checking costs about a second; the same plugin texts are checked once per process.
const cache = new Map<string, Promise<PluginLoad>>();

/** files: absolute paths; shown: how to name each in diagnostics (defaults to the path). */
export function loadPlugins(files: string[], shown: (file: string) => string = (f) => f): Promise<PluginLoad> {
  if (!files.length) return Promise.resolve({ plugins: [], diagnostics: [] });
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const key = createHash('sha256')
    .update(JSON.stringify([files, texts]))
    .digest('hex');
  let hit = cache.get(key);
  if (!hit) {
    hit = check(files, texts, shown);
    cache.set(key, hit);
  }
  return hit;
}

async function check(files: string[], texts: string[], shown: (file: string) => string): Promise<PluginLoad> {
  const { Project, ts } = await import('ts-morph');
  const project = new Project({
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts'],
      types: [],
      noEmit: true,
      skipLibCheck: true,
      paths: { ansible2chef: [pluginApiFile()] },
    },
    skipAddingFilesFromTsConfig: true,
  });
  const sources = files.map((f, i) => project.createSourceFile(f, texts[i]!, { overwrite: true }));
  const diagnostics: Diagnostic[] = [];
  const at = (file: string, text: string, pos: number) => {
    const { line, character } = ts.getLineAndCharacterOfPosition(ts.createSourceFile(file, text, ts.ScriptTarget.ES2022), pos);
    return { file: shown(file), line: line + 1, col: character + 1 };
  };
  for (const d of project.getPreEmitDiagnostics()) {
    const sf = d.getSourceFile();
    const file = sf?.getFilePath();
    const text = d.getMessageText();
    const message = typeof text === 'string' ? text : ts.flattenDiagnosticMessageText(text.compilerObject, '\n');
    const index = file ? files.findIndex((f) => resolve(f) === resolve(file)) : -1;
    const start = d.getStart();
    diagnostics.push(
      diagnostic(
        'A2C-PLUGIN-TYPE',
        `TS${d.getCode()}: ${message}`,
        index >= 0 && start !== undefined
          ? at(files[index]!, texts[index]!, start)
          : file
            ? { file: shown(file), line: 1, col: 1 }
            : undefined,
      ),
    );
  }
  // Helpers come through the api argument: a value import would not resolve from a data: URL.
  sources.forEach((sf, i) => {
    for (const imp of sf.getImportDeclarations()) {
      const typeOnly =
        imp.isTypeOnly() ||
        (imp.getNamedImports().length > 0 &&
          !imp.getDefaultImport() &&
          !imp.getNamespaceImport() &&
          imp.getNamedImports().every((n) => n.isTypeOnly()));
      if (!typeOnly)
        diagnostics.push(
          diagnostic(
            'A2C-PLUGIN-IMPORT',
            "a plugin may import only types (import type ... from 'ansible2chef'); helpers come through the api argument",
            at(files[i]!, texts[i]!, imp.getStart()),
          ),
        );
    }
  });
  if (diagnostics.length) return { plugins: [], diagnostics };

  const plugins: LoadedPlugin[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const js = ts.transpileModule(texts[i]!, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    }).outputText;
    const span = { file: shown(file), line: 1, col: 1 };
    let mod: { default?: unknown };
    try {
      mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as { default?: unknown };
    } catch (e) {
      diagnostics.push(diagnostic('A2C-PLUGIN-LOAD', `plugin failed to load: ${(e as Error).message}`, span));
      continue;
    }
    const problem = shapeProblem(mod.default);
    if (problem) diagnostics.push(diagnostic('A2C-PLUGIN-SHAPE', problem, span));
    else plugins.push({ plugin: mod.default as ModulePlugin, file: shown(file) });
  }
  return diagnostics.length ? { plugins: [], diagnostics } : { plugins, diagnostics };
}

/** What is wrong with a default export that should be a ModulePlugin (the type-check cannot see `any`). */
export function shapeProblem(p: unknown): string | undefined {
  if (typeof p !== 'object' || p === null) return 'the default export must be a ModulePlugin object';
  const o = p as Record<string, unknown>;
  if (o.apiVersion !== PLUGIN_API_VERSION)
    return `apiVersion ${String(o.apiVersion)} is not supported (this tool has plugin API ${PLUGIN_API_VERSION})`;
  if (typeof o.module !== 'string' || !o.module) return 'module must name the Ansible module (FQCN)';
  if (typeof o.description !== 'string') return 'description must be a string';
  if (typeof o.translate !== 'function') return 'translate must be a function';
  if (typeof o.params !== 'object' || o.params === null) return 'params must list the arguments the plugin handles';
  for (const [k, v] of Object.entries(o.params as Record<string, { status?: unknown; reason?: unknown }>)) {
    if (!['converted', 'partial', 'ignored', 'unsupported'].includes(String(v?.status)))
      return `params.${k}.status must be converted, partial, ignored or unsupported`;
    if (v.status !== 'converted' && typeof v.reason !== 'string') return `params.${k} needs a reason`;
  }
  return undefined;
}
