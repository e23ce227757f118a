// Finding and reading ansible2chef.toml. Returns diagnostics, never throws for a bad file: the CLI
// turns them into a usage error (exit 2).
import { createRequire } from 'node:module';
import { diagnostic, type Diagnostic, type Span } from '../base/diagnostics.js';
import { emptyConfig, type ProjectConfig, validateConfig } from './schema.js';

export const CONFIG_FILE = 'ansible2chef.toml';

// The TOML parser loads when a config file is read: most runs have none, and a no-change re-run
// pays for every module it loads.
const require = createRequire(import.meta.url);
let toml: typeof import('@iarna/toml') | undefined;
const parseToml = (text: string) => (toml ??= require('@iarna/toml') as typeof import('@iarna/toml')).parse(text);

export interface LoadedConfig {
  config: ProjectConfig;
  diagnostics: Diagnostic[];
}

/** Parse and validate the text of a config file; `file` names it in diagnostics. */
export function parseConfig(text: string, file: string): LoadedConfig {
  let raw: Record<string, unknown>;
  try {
    raw = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as { line?: number; col?: number; message?: string };
    const message = String(err.message ?? e).split('\n')[0] ?? 'syntax error';
    return {
      config: emptyConfig(),
      diagnostics: [diagnostic('A2C-CONFIG-SYNTAX', message, { file, line: (err.line ?? 0) + 1, col: (err.col ?? 0) + 1 })],
    };
  }
  return validateConfig(raw, file, (key) => locateKey(text, file, key));
}

/** The line where a (dotted) key is set or its table opens; line 1 when it cannot be found. */
export function locateKey(text: string, file: string, dotted: string): Span {
  const parts = dotted.split('.');
  const last = parts[parts.length - 1]!;
  const lines = text.split('\n');
  const escaped = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assign = new RegExp(`^\\s*["']?${escaped(last)}["']?\\s*=`);
  const table = new RegExp(`^\\s*\\[\\s*${parts.map(escaped).join('\\s*\\.\\s*')}\\s*\\]`);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (assign.test(l) || table.test(l)) return { file, line: i + 1, col: l.length - l.trimStart().length + 1 };
  }
  return { file, line: 1, col: 1 };
}
