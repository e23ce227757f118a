// The shape the "templates write the same files" tests share: a project run by real ansible-playbook
// on localhost (its template tasks write `out-*` files into the project folder), and the same project
// converted and run through test/tools/template-vars-chef.rb (the recipe's template resources rendered
// with Erubis from the node's attributes). Each side answers file name -> content, sorted by name.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ansibleEnv } from './ansible-env.js';
import { convertProject, type TextTree } from './convert-helpers.js';
import { hasTool, requireOrSkip } from './real-tools.js';
import { REPO_ROOT } from './shared.js';

/** Whether ansible-playbook, Ruby and Erubis are there (CI requires them: REQUIRE_REAL_TOOLS=1). */
export function havePlaybookAndErubis(): boolean {
  return requireOrSkip(
    'ansible-playbook+ruby+erubis',
    hasTool('ansible-playbook') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
  );
}

function writeTree(dir: string, files: Iterable<[string, string | Uint8Array]>): void {
  for (const [p, text] of files) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

/** The `out-*` files `ansible-playbook site.yml` writes into the project folder (`dir`/ansible). */
export function ansibleOutFiles(dir: string, project: TextTree): Record<string, string> {
  const ans = join(dir, 'ansible');
  writeTree(ans, Object.entries(project));
  const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
    cwd: ans,
    encoding: 'utf8',
    env: ansibleEnv(),
  });
  if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}${run.stderr}`);
  return Object.fromEntries(
    readdirSync(ans)
      .filter((f) => f.startsWith('out-'))
      .sort()
      .map((f) => [f, readFileSync(join(ans, f), 'utf8')]),
  );
}

/** The files the converted project's templates write for node `r` (`dir`/chef), by template-vars-chef.rb. */
export async function chefOutFiles(dir: string, project: TextTree): Promise<Record<string, unknown>> {
  const r = await convertProject(project);
  const out = join(dir, 'chef');
  writeTree(out, r.files);
  const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'r'], { encoding: 'utf8' });
  if (chef.status !== 0) throw new Error(chef.stderr);
  const got = JSON.parse(chef.stdout) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(got).sort(([a], [b]) => (a < b ? -1 : 1)));
}
