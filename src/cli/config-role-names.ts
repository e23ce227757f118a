// The config's role names checked against what this run converted (see config/role-names.ts).
import { readFileSync } from 'node:fs';
import { type Diagnostic, formatDiagnostic } from '../base/diagnostics.js';
import { configRoleDiagnostics } from '../config/role-names.js';
import { roleName } from '../workspace/scope.js';
import type { PreparedRun } from './pipeline.js';
import { display, type Settings } from './settings.js';

export function configRoleNames(settings: Settings, run: PreparedRun): Diagnostic[] {
  if (!settings.configPath) return [];
  const roleCookbooks = run.result.cookbooks.filter((c) => !/\.ya?ml$/.test(c.source));
  // A role converted as the input root has source '.': its name is the input directory's.
  const roles = roleCookbooks.map((c) => (c.source === '.' ? run.input.rootName : roleName(c)));
  const selectable = [...run.result.cookbooks.flatMap((c) => [c.name, roleName(c)]), ...roles, ...Object.keys(run.previous?.roles ?? {})];
  return configRoleDiagnostics(settings.config, display(process.cwd(), settings.configPath), readFileSync(settings.configPath, 'utf8'), {
    selectable,
    roles,
  });
}

/** For check and diff: print the config's unknown role names (warnings unless quiet); the number of errors. */
export function reportConfigRoleNames(settings: Settings, run: PreparedRun, quiet: boolean): number {
  const found = configRoleNames(settings, run);
  for (const d of found) if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
  return found.filter((d) => d.severity === 'error').length;
}
