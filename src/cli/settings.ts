// One place that turns command-line flags and ansible2chef.toml into what a run needs. Flags win
// over the config; the config wins over built-in defaults. Paths from flags are relative to the
// current directory, paths from the config to the config file's directory.
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { ConvertOptions } from '../convert.js';
import { type Diagnostic } from '../diagnostics.js';
import { findConfig } from '../config/find.js';
import type { ProjectConfig } from '../config/schema.js';

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
  options: Pick<ConvertOptions, 'namespace' | 'cookbookNames' | 'ipv6Only' | 'tlsPolicy' | 'groups' | 'mappingDirs' | 'plugins'>;
  roles: string[];
  /** `--playbook`, as given; made relative to the input root once the input is read. */
  playbook?: string;
  /** Extra mapping dirs and plugins, absolute (validated here, used by the mapping layer). */
  mappingDirs: string[];
  plugins: string[];
}

export type Resolved = { ok: true; settings: Settings; warnings: string[] } | { ok: false; diagnostics: Diagnostic[] };

export function resolveSettings(pathArg: string | undefined, flags: CommonFlags, cwd = process.cwd()): Resolved {
  const found = findConfig({ ...(flags.config ? { explicit: flags.config } : {}), ...(pathArg ? { inputPath: pathArg } : {}), cwd });
  if (found.diagnostics.length) return { ok: false, diagnostics: found.diagnostics };
  const c = found.config;
  const fromConfig = (p: string) => resolve(found.baseDir, p);
  const inputPath = pathArg !== undefined ? resolve(cwd, pathArg) : c.input !== undefined ? fromConfig(c.input) : resolve(cwd, 'playbooks');
  const outDir = flags.out !== undefined ? resolve(cwd, flags.out) : c.output !== undefined ? fromConfig(c.output) : resolve(cwd, 'cookbooks-out');
  const ipv6Only = flags.ipv6Only ?? c.ipv6Only;
  const tlsPolicy = flags.tlsPolicy ?? c.tlsPolicy;
  const groups = flags.groups ?? c.groups;
  const configDirs = c.mappingDirs.map(fromConfig);
  const flagDirs = (flags.mappings ?? []).map((p) => resolve(cwd, p));
  const mappingDirs = [...configDirs, ...flagDirs];
  const plugins = c.plugins.map(fromConfig);
  // Where each path was named, for the message: the config file, or --mappings on the command line.
  const from = (p: string) => (flagDirs.includes(p) && !configDirs.includes(p) ? '--mappings' : display(cwd, found.path ?? cwd));
  const problems = [...mappingDirs.map((p) => [p, 'dir'] as const), ...plugins.map((p) => [p, 'file'] as const)].flatMap(([p, want]) => {
    const why = !existsSync(p) ? 'no such file or directory' : want === 'dir' && !statSync(p).isDirectory() ? 'not a directory' : undefined;
    return why ? [{ code: 'A2C-CONFIG-PATH', severity: 'error' as const, message: `${display(cwd, p)}: ${why} (from ${from(p)})` }] : [];
  });
  if (problems.length) return { ok: false, diagnostics: problems };
  const settings: Settings = {
    inputPath,
    outDir,
    config: c,
    options: {
      namespace: flags.namespace ?? c.namespace ?? 'ansible',
      ...(Object.keys(c.cookbookNames).length ? { cookbookNames: c.cookbookNames } : {}),
      ...(ipv6Only ? { ipv6Only } : {}),
      ...(tlsPolicy ? { tlsPolicy } : {}),
      ...(groups ? { groups } : {}),
      ...(mappingDirs.length ? { mappingDirs } : {}),
      ...(plugins.length ? { plugins } : {}),
    },
    roles: flags.role ?? [],
    ...(flags.playbook !== undefined ? { playbook: flags.playbook } : {}),
    ...(found.path ? { configPath: found.path } : {}),
    mappingDirs,
    plugins,
  };
  const warnings: string[] = [];
  return { ok: true, settings, warnings };
}

/** A path as the user should see it: relative to cwd when inside it. */
export function display(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return r && !r.startsWith('..' + sep) && r !== '..' ? r.split(sep).join('/') : p;
}
