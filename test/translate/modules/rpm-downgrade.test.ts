// yum and dnf without allow_downgrade: true keep a newer installed version than the one a name pins
// (ansible-core 2.14: yum.py installs only when no newer version is installed unless allow_downgrade;
// dnf.py's _is_newer_version_installed guard), where Chef's yum_package and dnf_package downgrade.
// A name that may pin a version is reported where the task installs it: A2C-PIN-DOWNGRADE.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mayPinVersion } from '../../../src/translate/modules/rpm-pin-downgrade.js';
import { convertRole } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const MODULES = '/usr/lib/python3/dist-packages/ansible/modules';
const ansible = requireOrSkip('ansible', hasTool('ansible'));

/** The task lines (1-based, the module's name line) A2C-PIN-DOWNGRADE is reported at. */
async function reportedLines(tasks: string): Promise<number[]> {
  const r = await convertRole({ 'tasks/main.yml': tasks });
  return r.diagnostics
    .filter((d) => d.code === 'A2C-PIN-DOWNGRADE')
    .map((d) => d.span?.line ?? -1)
    .sort((a, b) => a - b);
}

describe('yum/dnf names that may pin an older version', () => {
  it('tell an RPM name-version(-release) or a dependency spec from a package name', () => {
    for (const n of ['foo-1.2.3', 'foo-1.2-3.el9', 'kernel-5.14.0-70.el9', 'java-1.8.0-openjdk-1.8.0.312', 'foo >= 1.2', 'pkg=1.2'])
      expect([n, mayPinVersion(n)]).toEqual([n, true]);
    for (const n of ['nginx', 'java-1.8.0-openjdk', 'python3-pip', 'gcc-c++', 'compat-openssl10'])
      expect([n, mayPinVersion(n)]).toEqual([n, false]);
  });

  it('are reported where the task installs without allow_downgrade: true, templated names too', async () => {
    const lines = await reportedLines(
      [
        '- name: pinned',
        '  yum: { name: foo-1.2.3 }',
        '- name: pinned in a list',
        '  dnf: { name: [bar, baz-2.0-1.el9], state: latest }',
        '- name: templated',
        '  dnf: { name: "{{ pkgs }}", state: installed }',
        '- name: unpinned',
        '  yum: { name: [nginx, java-1.8.0-openjdk] }',
        '- name: downgrades allowed',
        '  dnf: { name: foo-1.2.3, allow_downgrade: true }',
        '- name: removed',
        '  yum: { name: foo-1.2.3, state: absent }',
        '- name: generic pinned',
        '  package: { name: foo-1.2.3 }',
        '- name: generic templated',
        '  package: { name: "{{ pkg }}" }',
        '',
      ].join('\n'),
    );
    expect(lines).toEqual([2, 4, 6, 14]);
  });

  it.skipIf(!ansible)('rest on the modules keeping the newer version unless allow_downgrade (ansible-core 2.14)', () => {
    const dnf = readFileSync(`${MODULES}/dnf.py`, 'utf8');
    expect(dnf).toMatch(/if self\._is_newer_version_installed\([^\n]*\):\n\s+if self\.allow_downgrade:/);
    const yum = readFileSync(`${MODULES}/yum.py`, 'utf8');
    expect(yum).toMatch(/will\s+# not install an older version of an RPM even if specified by the install spec/);
  });
});
