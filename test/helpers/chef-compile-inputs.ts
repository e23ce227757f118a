// What the tests that run generated cookbooks through the Chef compile check (test/tools/chef-compile.rb)
// share: the shared facts and Chef resource schema it reads, and whether it can run here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CompileInputs } from '../../src/scripts/chef-compile.js';
import { hasTool, requireOrSkip } from './real-tools.js';
import { GROUND_TRUTH, SHARED } from './shared.js';

/** Every Chef Infra Client 18 resource with its actions and properties (../shared/chef). */
export const SCHEMA_FILE = join(SHARED, 'chef/resources.json');

/**
 * Whether the compile check can run: Ruby, ansible-playbook where the test also runs Ansible, and the
 * shared facts and schema (CI requires them all: REQUIRE_REAL_TOOLS=1).
 */
export function compileReady(options: { ansible?: boolean } = {}): boolean {
  return (
    requireOrSkip('ruby', hasTool('ruby')) &&
    (!options.ansible || requireOrSkip('ansible-playbook', hasTool('ansible-playbook'))) &&
    requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(SCHEMA_FILE))
  );
}

/** The compile check's inputs; `detail`: each run's failure detail too. */
export function compileInputs(detail = true): CompileInputs {
  return { factsFile: GROUND_TRUTH, schemaFile: SCHEMA_FILE, ...(detail ? { detail: true } : {}) };
}
