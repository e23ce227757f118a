// The compile-phase tier over the whole corpus (issue 13's proof): every entry converted as
// `npm run corpus` converts it, and every Policyfile run (with each node file that carries it)
// evaluated as Chef's compile phase does. A run may compile or stop at a required input the
// input never sets (named); any other end is a defect of the conversion.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureCorpus } from '../../src/scripts/corpus.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS, GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('the shared corpus', existsSync(CORPUS)) &&
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

describe.skipIf(!ready)("the corpus in Chef's compile phase", () => {
  it('no Policyfile run fails: each compiles or stops at a named required input', async () => {
    const started = Date.now();
    const f = await measureCorpus(CORPUS, { factsFile: GROUND_TRUTH, schemaFile });
    const c = f.compile!;
    console.log(
      `corpus compile phase: ${c.ok} of ${c.runs} runs compile, ${c.requiredInput} stop at a required input, ${c.outsideInput} reach a role outside the input (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    expect(f.crashes).toBe(0);
    expect(c.runs).toBeGreaterThan(0);
    const failed = c.failures.filter((x) => x.outcome === 'failed');
    expect(failed.map((x) => `${x.entry} ${x.id}: ${x.error}: ${x.message}${x.where ? ` (${x.where})` : ''}`)).toEqual([]);
    // A required input names the variable or group to set, not the namespace it lives in: the support
    // library's message, or (for an input read with Chef's strict node.read!, as a checked input is) Chef's
    // NoSuchAttribute with the variable's whole attribute path.
    for (const x of c.failures.filter((y) => y.outcome === 'required-input'))
      expect(x.message, x.id).toMatch(
        /^(?:'[^']+' is undefined \(node\[.+\] is not set\)|group '[^']+' is not in the inventory|no attribute [^.\s]+\.[A-Za-z_][A-Za-z0-9_]*$)/,
      );
  });
});
