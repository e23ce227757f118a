// `npm run corpus` accounts for every corpus task and its splits (per entry, per role, per keyword,
// TODO by cause) add up to the same totals; nothing crashes and every entry produces cookbooks.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureCorpus, type Split } from '../../src/scripts/corpus.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS } from '../helpers/shared.js';

const available = requireOrSkip('the shared corpus', existsSync(CORPUS));
const sum = (xs: Split[]) =>
  xs.reduce(
    (a, x) => ({ tasks: a.tasks + x.tasks, converted: a.converted + x.converted, todo: a.todo + x.todo, ignored: a.ignored + x.ignored }),
    { tasks: 0, converted: 0, todo: 0, ignored: 0 },
  );

describe.skipIf(!available)('corpus split', () => {
  it('accounts for every task per entry, per role, per keyword and per cause', async () => {
    const f = await measureCorpus(CORPUS);
    expect(f.crashes).toBe(0);
    const { tasks, converted, todo, ignored } = f.total;
    console.log(
      `corpus: ${tasks} tasks, ${converted} converted (${((100 * converted) / tasks).toFixed(1)}%), ${todo} TODO, ${ignored} ignored`,
    );
    expect(tasks).toBeGreaterThan(500);
    for (const r of f.rows) expect(r.converted + r.todo + r.ignored, r.entry).toBe(r.tasks);
    expect(sum(f.roles)).toEqual({ tasks, converted, todo, ignored });
    for (const [k, x] of f.keywords) expect(x.converted + x.todo + x.ignored, k).toBe(x.tasks);
    expect(f.keywords.some(([k]) => k === 'name')).toBe(false);
    // A task counts under each keyword it uses, so the keyword rows cover at least every task.
    expect(sum(f.keywords.map(([, x]) => x)).tasks).toBeGreaterThanOrEqual(tasks);
    expect(f.todoByCause.reduce((a, [, n]) => a + n, 0)).toBe(todo);
    expect(f.todoByNeed.reduce((a, [, n]) => a + n, 0)).toBe(todo);
    // Push-model keywords with no Chef equivalent in the corpus: never converted silently. run_once is
    // not among them since it converts as work guarded to the play's first host (issue 16; the guard
    // is asserted by test/translate/task/run-once*.test.ts and test/translate/play-hosts-no-play.test.ts against Ansible).
    for (const k of ['delegate_to', 'throttle']) {
      const row = f.keywords.find(([name]) => name === k)?.[1];
      if (row) expect(row.converted, k).toBe(0);
    }
  });
});
