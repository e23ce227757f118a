// vitest globalSetup: one directory per test run where the first test file that needs the compiled
// CLI builds it (shared-build.ts) and every later one reuses it. It costs nothing until then, and
// it is removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-run-build-'));
  project.provide('a2cSharedBuild', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    a2cSharedBuild: string;
  }
}
