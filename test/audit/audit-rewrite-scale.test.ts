// The audit's fixes are a plan keyed by source position, applied by the translator where it emits
// each node (src/audit/fixes.ts): no walk of the IR per fix, no matching by output order. On an
// estate of many roles every planned fix lands on its own node and only there, and the conversion
// stays within a bound a per-fix walk of the IR would break (issue 17).
import { describe, expect, it } from 'vitest';
import { convertProject } from '../helpers/convert-helpers.js';
import { printErb } from '../../src/print/print-erb.js';
import { printExpr } from '../../src/print/print-expr.js';

const ROLES = 300;

function estate(): Record<string, string> {
  const files: Record<string, string> = {};
  const roles: string[] = [];
  for (let i = 0; i < ROLES; i++) {
    const r = `svc${i}`;
    roles.push(`    - ${r}`);
    files[`roles/${r}/defaults/main.yml`] = [
      `${r}_addr: "2001:db8::${(i + 1).toString(16)}"`,
      `${r}_url: "{{ ${r}_addr }}:8080"`,
      `${r}_name: "{{ ${r}_addr }}"`,
      '',
    ].join('\n');
    files[`roles/${r}/tasks/main.yml`] = `- ansible.builtin.template:\n    src: ${r}.conf.j2\n    dest: /etc/${r}.conf\n`;
    files[`roles/${r}/templates/${r}.conf.j2`] = `bind {{ ${r}_addr }}:443\nname = {{ ${r}_name }}\n`;
  }
  files['site.yml'] = `- hosts: all\n  roles:\n${roles.join('\n')}\n`;
  return files;
}

describe('the fix plan on a large estate', () => {
  it('applies every planned fix, each only where it was planned, in bounded time', async () => {
    const t0 = performance.now();
    const r = await convertProject(estate());
    const ms = performance.now() - t0;
    const report = r.findings.report!;
    expect(report.notRewritten).toEqual([]);
    expect(report.rewrites).toHaveLength(2 * ROLES);
    for (let i = 0; i < ROLES; i++) {
      const cb = r.cookbooks.find((c) => c.name === `svc${i}`)!;
      // The short attribute keys: `svc3_url` is node['svc3']['url'].
      const value = (name: string) => printExpr(cb.attributes.find((a) => a.path[1] === name)!.value);
      expect(value('url')).toContain('"#{A2C::Net.ipwrap(');
      expect(value('name')).not.toContain('ipwrap');
      const erb = printErb(cb.templates[0]!.body);
      expect(erb.match(/ipwrap/g)).toHaveLength(1);
      expect(erb).toMatch(/^bind <%= A2C::Net\.ipwrap\(/);
    }
    // Generous for a loaded machine.
    expect(ms).toBeLessThan(60000);
  });
});
