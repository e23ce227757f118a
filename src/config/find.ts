// Where the project config comes from: --config FILE, else ansible2chef.toml in the input directory,
// else in the current directory. Relative paths inside it are relative to the file's directory.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, type LoadedConfig, parseConfig } from './load.js';
import { emptyConfig } from './schema.js';
import { diagnostic } from '../base/diagnostics.js';

export interface FoundConfig extends LoadedConfig {
  /** The file read, when there was one. */
  path?: string;
  /** Directory that relative paths in the config resolve against (cwd when there is no file). */
  baseDir: string;
}

export function findConfig(opts: { explicit?: string; inputPath?: string; cwd: string }): FoundConfig {
  const candidates: string[] = [];
  if (opts.explicit) {
    const p = resolve(opts.cwd, opts.explicit);
    if (!existsSync(p)) {
      return {
        config: emptyConfig(),
        baseDir: opts.cwd,
        diagnostics: [diagnostic('A2C-CONFIG-MISSING', `${opts.explicit}: no such config file`)],
      };
    }
    candidates.push(p);
  } else {
    if (opts.inputPath) {
      const abs = resolve(opts.cwd, opts.inputPath);
      const dir = existsSync(abs) && statSync(abs).isDirectory() ? abs : dirname(abs);
      candidates.push(join(dir, CONFIG_FILE));
    }
    candidates.push(join(opts.cwd, CONFIG_FILE));
  }
  const path = candidates.find((c) => existsSync(c));
  if (!path) return { config: emptyConfig(), baseDir: opts.cwd, diagnostics: [] };
  return { ...parseConfig(readFileSync(path, 'utf8'), path), path, baseDir: dirname(path) };
}
