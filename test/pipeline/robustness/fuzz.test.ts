// A short seeded fuzz run (src/scripts/fuzz.ts; `npm run fuzz -- 600` runs it longer):
// random and mutated corpus inputs must each end in output plus diagnostics, in bounded time.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCase, corpusProjects, fuzzCases, MUTATIONS, rng } from '../../../src/scripts/fuzz.js';

const corpus = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../..'), '../shared/corpus');

describe('fuzz', () => {
  it('mutations are deterministic for a seed', () => {
    const text = new TextEncoder().encode('- name: a\n  package: name=x\n- name: b\n  service: name=y\n');
    for (const [name, m] of Object.entries(MUTATIONS)) expect(m(text, rng(5)), name).toEqual(m(text, rng(5)));
  });

  // A fixed number of seeded cases, not a time budget: the result must not depend on how busy the
  // machine is. The per-case bound catches a hang, with room for a loaded 2-core machine.
  it('every case ends in output and diagnostics (seeded, 24 cases)', async () => {
    const projects = corpusProjects(corpus);
    const findings: string[] = [];
    let n = 0;
    for (const c of fuzzCases(20240608, projects)) {
      if (n === 24) break;
      const f = await checkCase(c, 30_000);
      if (f) findings.push(f);
      n++;
    }
    expect(findings).toEqual([]);
    expect(n).toBe(24);
  }, 600_000);
});
