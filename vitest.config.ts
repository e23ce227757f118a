import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Timeouts only catch a hang. Tests that run real Ansible, Ruby or servers take seconds on an idle
    // machine and minutes on a loaded one (2 cores shared with other work), so one generous limit serves
    // all of them instead of tight per-test limits that fail on load.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // The run's scratch TMPDIR first (test/helpers/scratch-tmpdir.ts); the CLI is compiled once per run,
    // inside it, by the first test file that needs it (test/helpers/shared-build.ts).
    globalSetup: ['test/helpers/scratch-tmpdir.ts', 'test/helpers/shared-build-setup.ts'],
  },
});
