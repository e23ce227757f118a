// The audit tries a table's patterns on a line as one joined pattern (src/audit/scan.ts): it must
// answer as trying them one by one does, and refuse to join what joining would change.
import { describe, expect, it } from 'vitest';
import { joinPatterns, someMatch } from '../../src/audit/scan.js';
import { builtinTables } from '../../src/mapping/tables.js';

const LINES = [
  'bind 127.0.0.1:9000',
  '  listen [::]:80',
  'ssl_certificate /etc/ssl/x.pem;',
  'SSLCertificateFile /etc/x.crt',
  'openssl req -new -x509 -days 3650',
  'make-ssl-cert generate-default-snakeoil',
  'management.tcp.ip = 0.0.0.0',
  'bind_host = \uE0000\uE001',
  'nothing to see here',
  '',
];

describe('joined audit patterns', () => {
  it('match a line exactly when one of the table patterns does', () => {
    const rules = builtinTables().rules;
    // The built-in tables are joined (else this test would compare the fallback with itself).
    expect(
      joinPatterns(
        rules.bindLines.map((r) => r.source),
        rules.bindLines[0]!.flags,
      ),
    ).not.toBeNull();
    for (const list of [rules.bindLines, rules.selfSignedCommands, rules.joinExempt, rules.nodeNames, rules.tlsLines]) {
      for (const t of LINES)
        expect(someMatch(list, t), `${t} / ${list.map((r) => r.source).join(' , ')}`).toBe(list.some((r) => r.test(t)));
    }
    const filter = joinPatterns(
      rules.paths.map((p) => p.before.source.replace(/\$$/, '')),
      'i',
    );
    expect(filter).not.toBeNull();
    for (const t of LINES) {
      const anyRule = rules.paths.some((p) => new RegExp(`${p.before.source.replace(/\$$/, '')}([^\\s,;]+)`, 'i').test(t));
      if (anyRule) expect(filter!.test(t), t).toBe(true);
    }
  });

  it('are not joined where group numbers or names would move', () => {
    expect(joinPatterns(['(a)\\1', 'b'], 'i')).toBeNull();
    expect(joinPatterns(['(?<x>a)', 'b'], 'i')).toBeNull();
    expect(joinPatterns(['(?<=a)b', 'c'], 'i')).not.toBeNull();
    const backref = [/(a)\1/i, /zz/i];
    expect(someMatch(backref, 'aa')).toBe(true);
    expect(someMatch(backref, 'ab')).toBe(false);
  });

  it('fall back to one pattern at a time when a source does not parse alone', () => {
    expect(joinPatterns(['a\\', 'b'], 'i')).toBeNull();
  });
});
