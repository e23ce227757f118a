// The shape the contract differential tests share: each case's Jinja template rendered by Ansible's
// own templating (test/tools/jinja-diff-ansible.py) and its converted ERB by real Ruby with Erubis
// (erb-render.ts), compared as the tests judge them: the same text, or a failure in both.
import { spawnSync } from 'node:child_process';
import { hasPythonModule, hasTool, requireOrSkip } from './real-tools.js';
import { type Answer, runJson, sameAnswer } from './template-compare.js';
import { renderErb } from './erb-render.js';

/** Whether Ansible, Ruby and Erubis are there (CI requires them: REQUIRE_REAL_TOOLS=1). */
export function haveAnsibleAndErubis(): boolean {
  return requireOrSkip(
    'ansible+ruby+erubis',
    hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
  );
}

export interface ErbCase {
  /** The Jinja source, its variables for Ansible, and the templates it includes. */
  template: string;
  vars: Record<string, unknown>;
  files?: Record<string, string>;
  /** The converted ERB, the node attributes it reads, and its template variables. */
  erb: string;
  node: unknown;
  assigns: Record<string, unknown>;
}

/** Each case's answers from Ansible (`want`) and Erubis (`got`), and the cases whose answers differ. */
export function renderBoth(cases: readonly ErbCase[]): {
  want: Answer[];
  got: Answer[];
  diffs: Array<{ vars: Record<string, unknown>; ansible: Answer; ruby: Answer }>;
} {
  const want = runJson(
    '/usr/bin/python3',
    ['test/tools/jinja-diff-ansible.py'],
    cases.map((c) => ({ template: c.template, vars: c.vars, ...(c.files ? { files: c.files } : {}) })),
  );
  const got = renderErb(cases.map((c) => ({ erb: c.erb, node: c.node, assigns: c.assigns })));
  const diffs = cases.flatMap((c, k) => (sameAnswer(want[k]!, got[k]!) ? [] : [{ vars: c.vars, ansible: want[k]!, ruby: got[k]! }]));
  return { want, got, diffs };
}

/** Each answer as 'renders' (text) or 'fails' (an error): compared whole, a case off its mark is named by its place. */
export function outcomes(answers: readonly Answer[]): string[] {
  return answers.map((a) => (a.out !== undefined ? 'renders' : a.error !== undefined ? 'fails' : 'neither'));
}

/** The outcomes of `total` cases whose first `inside` render and whose others fail. */
export function rendersThenFails(inside: number, total: number): string[] {
  return Array.from({ length: total }, (_, k) => (k < inside ? 'renders' : 'fails'));
}
