// The acceptance figures over the corpus, measured by the same machinery as
// `npm run corpus:jinja`: parser agreement 100%, at least 90% of the templates translated
// without a TODO, and at least 95% of those (that Ansible renders) byte-identical.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureJinjaCorpus } from '../../src/scripts/corpus-jinja.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS, GROUND_TRUTH } from '../helpers/shared.js';

const tools =
  hasPythonModule('ansible') &&
  hasPythonModule('jinja2') &&
  hasTool('ruby') &&
  spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0;
const available = requireOrSkip('ansible+jinja2+ruby+erubis and the corpus', tools && existsSync(CORPUS) && existsSync(GROUND_TRUTH));

describe.skipIf(!available)('Jinja corpus figures', () => {
  it('meets the acceptance thresholds', () => {
    const f = measureJinjaCorpus(CORPUS, { groundTruth: GROUND_TRUTH });
    console.log(
      `parser ${f.parser.agree}/${f.parser.items}; translated ${f.templates.translated}/${f.templates.total} (${f.templates.percent}%); ` +
        `identical ${f.differential.identical}/${f.differential.renderable} (${f.differential.percent}%); ` +
        `Ansible cannot render ${f.differential.ansibleCannotRender}`,
    );
    expect(f.parser.disagreements).toEqual([]);
    expect(f.templates.total).toBeGreaterThan(0);
    expect(f.templates.translated / f.templates.total).toBeGreaterThanOrEqual(0.9);
    expect(f.differential.renderable).toBeGreaterThan(0);
    const notIdentical = f.results.filter((r) => r.render === 'different' || r.render === 'ruby-failed');
    expect(
      f.differential.identical / f.differential.renderable,
      notIdentical.map((r) => `${r.file}: ${r.detail}`).join('\n'),
    ).toBeGreaterThanOrEqual(0.95);
    // Where Ansible fails with these variables, the Ruby must fail too (never render a guess).
    expect(f.results.filter((r) => r.render === 'ansible-failed').map((r) => r.file)).toEqual([]);
  });
});
