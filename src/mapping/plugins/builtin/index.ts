// The built-in plugins. They are written against the published API exactly as a user plugin is
// (src/mapping/plugins/api.ts, types only), but compiled with the tool, so a conversion that uses them
// never loads the TypeScript compiler; test/mapping/plugins-builtin.test.ts also runs each one through the
// user-plugin type-check.
import type { ModulePlugin } from '../api.js';
import configTemplate from './config-template.js';
import setup from './setup.js';

export const BUILTIN_PLUGINS: ReadonlyArray<{ plugin: ModulePlugin; file: string }> = [
  { plugin: configTemplate, file: 'src/mapping/plugins/builtin/config-template.ts' },
  { plugin: setup, file: 'src/mapping/plugins/builtin/setup.ts' },
];
