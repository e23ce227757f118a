// Agreement with real Jinja2 (python3-jinja2, configured like Ansible) over the
// corpus: every template, every Jinja string in YAML, every conditional, and
// broken variants of the templates. Both parsers must accept or reject the same
// items, and report the same line for the rejected ones.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExpression, parseString, parseTemplate } from '../../../src/load/jinja/index.js';
import { hasPythonModule, requireOrSkip } from '../../helpers/real-tools.js';
import { CORPUS } from '../../helpers/shared.js';

const SCRIPT = fileURLToPath(new URL('../../tools/jinja-parse.py', import.meta.url));

interface Item {
  kind: 'template' | 'string' | 'expression' | 'mutant';
  file: string;
  text: string;
  ok: boolean;
  line?: number;
  message?: string;
}

const available = requireOrSkip('python3-jinja2 and python3-yaml', hasPythonModule('jinja2') && hasPythonModule('yaml'));

function parseWithUs(item: Item): { ok: true } | { ok: false; line: number; message: string } {
  const r =
    item.kind === 'expression' ? parseExpression(item.text) : item.kind === 'string' ? parseString(item.text) : parseTemplate(item.text);
  return r.ok ? { ok: true } : { ok: false, line: r.error.pos.line, message: r.error.message };
}

describe.skipIf(!available || !existsSync(CORPUS))('Jinja parser agrees with real Jinja2 on the corpus', () => {
  it('accepts and rejects the same items, with the same error lines', () => {
    const run = spawnSync('/usr/bin/python3', [SCRIPT, 'corpus', CORPUS], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const items = JSON.parse(run.stdout) as Item[];

    const disagreements: string[] = [];
    const counts = { template: 0, string: 0, expression: 0, mutant: 0, rejectedByBoth: 0 };
    for (const item of items) {
      counts[item.kind]++;
      const ours = parseWithUs(item);
      const where = `${item.kind} ${item.file}: ${JSON.stringify(item.text.slice(0, 120))}`;
      if (ours.ok !== item.ok) {
        disagreements.push(
          `${where}\n  jinja2: ${item.ok ? 'ok' : `line ${item.line}: ${item.message}`}\n  ours: ${ours.ok ? 'ok' : `line ${ours.line}: ${ours.message}`}`,
        );
      } else if (!ours.ok) {
        counts.rejectedByBoth++;
        if (ours.line !== item.line)
          disagreements.push(`${where}\n  error line: jinja2 ${item.line} (${item.message}), ours ${ours.line} (${ours.message})`);
      }
    }
    console.log(
      `jinja agreement: ${counts.template} templates, ${counts.string} strings, ${counts.expression} expressions, ` +
        `${counts.mutant} broken variants; ${counts.rejectedByBoth} rejected by both; ${disagreements.length} disagreements`,
    );
    expect(counts.template).toBeGreaterThan(0);
    expect(counts.string).toBeGreaterThan(0);
    expect(counts.expression).toBeGreaterThan(0);
    expect(counts.rejectedByBoth).toBeGreaterThan(0);
    expect(disagreements.slice(0, 20).join('\n')).toBe('');
  });
});
