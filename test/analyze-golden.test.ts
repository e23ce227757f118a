// The bundled example (./playbooks) through the audit: the JSON and text forms must match
// test/golden-audit/ (regenerate with UPDATE_GOLDEN=1), the conversion must report the same, and the
// converted cinder.conf must bracket iscsi_ip_address.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInput } from '../src/analyze/audit.js';
import { convert } from '../src/convert.js';
import { readInput } from '../src/cli/read-input.js';
import { printErb } from '../src/ruby/print-erb.js';

const ROOT = resolve(import.meta.dirname, '..');
const GOLDEN = resolve(ROOT, 'test/golden-audit');

function run(ipv6Only: boolean) {
  const input = readInput(resolve(ROOT, 'playbooks'));
  return auditInput(input.tree, { rootName: input.rootName, ...(ipv6Only ? { ipv6Only } : {}) });
}

function golden(name: string, actual: string): void {
  const file = resolve(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('audit of the bundled example', () => {
  it('matches the golden JSON and text', () => {
    const r = run(false);
    golden('audit.json', JSON.stringify(r.findings.json, null, 2) + '\n');
    golden('audit.md', r.findings.markdown);
  });
  it('matches the golden --ipv6-only text', () => {
    golden('audit-ipv6-only.md', run(true).findings.markdown);
  });
  it('fires every rule on the example', () => {
    const counts = (run(false).findings.json as { counts: Record<string, number> }).counts;
    for (const [rule, n] of Object.entries(counts)) expect(n, rule).toBeGreaterThan(0);
  });
  it('brackets iscsi_ip_address in the converted cinder.conf', async () => {
    const input = readInput(resolve(ROOT, 'playbooks'));
    const converted = await convert(input.tree, { rootName: input.rootName });
    // The conversion reports the audit the `audit` command prints (no fix lacked a counterpart),
    // its rewrites made rather than planned.
    expect(converted.findings.markdown).toBe(run(false).findings.markdown.replace(
      '### What the conversion changes\n\nPlanned: a fix whose template or task is not converted is listed as not rewritten in CONVERSION.md.\n',
      '### What the conversion changed\n',
    ));
    expect(converted.findings.report!.notRewritten).toEqual([]);
    const t = converted.cookbooks.find((c) => c.name === 'cinder')!.templates.find((x) => x.path === 'cinder.conf.erb')!;
    expect(printErb(t.body)).toMatch(/^iscsi_ip_address = <%= A2C::Net\.ipwrap\(node\['cinder'\]\['storage_address'\]\) %>$/m);
  });
});
