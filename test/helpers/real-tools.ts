// Tests that compare against real tools (Ansible, PyYAML, Jinja2, Ruby) skip when a tool is
// missing on a developer machine, but must fail in CI, which sets REQUIRE_REAL_TOOLS=1.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** True when `cmd` (an absolute path or a name on PATH) can be run. */
export function hasTool(cmd: string): boolean {
  if (cmd.includes('/')) return existsSync(cmd);
  return spawnSync('sh', ['-c', `command -v "${cmd}"`], { stdio: 'ignore' }).status === 0;
}

/** True when a Python module imports under Debian's /usr/bin/python3. */
export function hasPythonModule(module: string): boolean {
  if (!existsSync('/usr/bin/python3')) return false;
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether tests needing `name` should run. Throws when the tool is absent and REQUIRE_REAL_TOOLS=1,
 * so CI cannot pass by skipping. Use as `describe.skipIf(!requireOrSkip('ansible', hasTool('ansible')))`.
 */
export function requireOrSkip(name: string, available: boolean): boolean {
  if (!available && process.env['REQUIRE_REAL_TOOLS'] === '1') {
    throw new Error(`${name} is required (REQUIRE_REAL_TOOLS=1) but not available`);
  }
  return available;
}
