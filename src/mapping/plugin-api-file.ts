// Where the plugin API's declarations are, that plugins are type-checked against: beside the compiled
// plugin loader (dist/mapping/plugins/api.d.ts), or the source under the tests. In a module one folder
// deep, as every module that finds files from its own location must be: the build bundles such
// modules into dist/cli/ (scripts/bundle-cli.ts), where a path two folders up would lead elsewhere.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function pluginApiFile(): string {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../mapping/plugins');
  const dts = join(dir, 'api.d.ts');
  return existsSync(dts) ? dts : join(dir, 'api.ts');
}
