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
    globalSetup: ['test/helpers/scratch-tmpdir.ts'],
  },
});
