// `npm run corpus:templates`: the corpus template differential. Silent wrong output hides where no
// test looks: the templates of real roles. For each role of the corpus (a role entry, or a role of
// an example project with the project's group_vars), a scratch project plays the role on an
// IPv6-only inventory; Ansible's own template action renders every template task
// (test/tools/template-corpus-ansible.py: defaults, vars, inventory, the ground-truth facts, and what
// set_fact/include_vars/include_tasks set on the way) and the conversion's output is converged in
// Ruby (test/tools/converge-render.rb: Ohai attributes from the same ground-truth rows, templates
// rendered with Erubis, guarded ones too). The texts are compared per host and destination.
// Needs /usr/bin/python3 with ansible-core and ruby with erubis; test input only.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { automaticAttributes, resourceSchema } from './chef-compile.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ANSIBLE_SIDE = join(packageRoot, 'test/tools/template-corpus-ansible.py');
const CHEF_SIDE = join(packageRoot, 'test/tools/converge-render.rb');
const CLI = join(packageRoot, 'dist/cli/main.js');

/** The IPv6-only inventory every role is played on: two hosts reached by IPv6 literals. */
export const HOSTS: ReadonlyArray<[string, string]> = [
  ['node1', '2001:db8::10'],
  ['node2', '2001:db8::11'],
];

/**
 * Play variables the corpus's own playbooks give a role (both sides read them): without them the role
 * skips the part that writes its templates (galera_server's server tasks,
 * openstack-ansible-plugins playbooks/galera_server.yml).
 */
const PLAY_VARS: Record<string, Record<string, unknown>> = {
  galera_server: { galera_install_server: true },
};

export interface RoleInput {
  /** A label: the corpus entry, and the role inside a project. */
  label: string;
  name: string;
  dir: string;
  /** A project's group_vars folder (its files name the groups the hosts are put in). */
  groupVars?: string;
}

export interface Answer {
  out?: string;
  error?: string;
}

export type Verdict = 'equal' | 'different' | 'ansible-fails' | 'chef-fails' | 'both-fail' | 'not-converted' | 'harness';

export interface Comparison {
  role: string;
  stage?: string;
  host: string;
  task: string;
  dest?: string;
  /** The task's `when` as Ansible evaluates it (null: it could not be evaluated here). */
  when?: boolean | null;
  verdict: Verdict;
  ansible?: Answer;
  chef?: Answer;
  note?: string;
}

/** Every role of the corpus that has templates. */
export function corpusRoles(corpus: string): RoleInput[] {
  const out: RoleInput[] = [];
  const hasTemplates = (d: string) => existsSync(join(d, 'templates')) && existsSync(join(d, 'tasks'));
  for (const entry of readdirSync(corpus).sort()) {
    const dir = join(corpus, entry);
    if (!statSync(dir).isDirectory()) continue;
    if (hasTemplates(dir)) {
      out.push({ label: entry, name: entry.replace(/^.*?__/, '').replace(/^(ansible-role-|openstack-ansible-)/, ''), dir });
      continue;
    }
    for (const project of [dir, ...subdirs(dir)]) {
      const roles = join(project, 'roles');
      if (!existsSync(roles)) continue;
      for (const r of subdirs(roles).filter(hasTemplates)) {
        const gv = join(project, 'group_vars');
        out.push({
          label: `${entry}/${project === dir ? '' : `${basename(project)}/`}${basename(r)}`,
          name: basename(r),
          dir: r,
          ...(existsSync(gv) ? { groupVars: gv } : {}),
        });
      }
    }
  }
  return out;
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(dir, d.name))
    .sort();
}

/**
 * The roles a role plays that it does not hold (meta dependencies, import_role/include_role names):
 * each becomes an empty stand-in, so both sides play the same nothing in its place.
 */
function dependencies(roleDir: string): string[] {
  const names = new Set<string>();
  const meta = join(roleDir, 'meta/main.yml');
  if (existsSync(meta)) {
    const block = /^dependencies:\s*\n((?:[ \t-].*\n?)*)/m.exec(readFileSync(meta, 'utf8'))?.[1] ?? '';
    for (const m of [...block.matchAll(/role:\s*([\w.-]+)/g), ...block.matchAll(/^\s*-\s*([\w.-]+)\s*$/gm)]) names.add(m[1]!);
  }
  const tasks = join(roleDir, 'tasks');
  for (const f of readdirSync(tasks, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))) {
    const text = readFileSync(join(tasks, f), 'utf8');
    for (const m of text.matchAll(/(?:import|include)_role:\s*\n\s+name:\s*["']?([\w.-]+)["']?\s*$/gm)) names.add(m[1]!);
  }
  return [...names];
}

/** The collection modules a role's tasks call (`ns.coll.module:`), other than ansible.builtin's. */
function collectionModules(roleDir: string): string[] {
  const names = new Set<string>();
  for (const f of readdirSync(join(roleDir, 'tasks'), { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f))) {
    for (const m of readFileSync(join(roleDir, 'tasks', f), 'utf8').matchAll(/^[\s-]*([a-z]\w*\.[a-z]\w*\.[a-z]\w*):/gm))
      if (!m[1]!.startsWith('ansible.')) names.add(m[1]!);
  }
  return [...names];
}

/**
 * A module the local Ansible lacks (openstack.config_template's), as a stub of its collection, so the
 * play loads; the harness runs none (a config_template task is reported as not compared).
 */
function standInModule(project: string, name: string): void {
  const [ns, coll, mod] = name.split('.') as [string, string, string];
  const root = join(project, 'collections/ansible_collections', ns, coll);
  if (existsSync(join(process.env['HOME'] ?? '/root', '.ansible/collections/ansible_collections', ns, coll))) return;
  mkdirSync(join(root, 'plugins/modules'), { recursive: true });
  writeFileSync(join(root, 'galaxy.yml'), `namespace: ${ns}\nname: ${coll}\nversion: 1.0.0\n`);
  writeFileSync(join(root, 'plugins/modules', `${mod}.py`), '# a stand-in: the template differential runs no module\n');
}

/** An empty role: under roles/, or in a collection's roles (`ns.coll.role`, found through ANSIBLE_COLLECTIONS_PATH). */
function standIn(project: string, name: string): void {
  const parts = name.split('.');
  const dir =
    parts.length === 3
      ? join(project, 'collections/ansible_collections', parts[0]!, parts[1]!, 'roles', parts[2]!)
      : join(project, 'roles', name);
  if (existsSync(dir)) return;
  mkdirSync(join(dir, 'tasks'), { recursive: true });
  writeFileSync(join(dir, 'tasks/main.yml'), '---\n[]\n');
  if (parts.length === 3) {
    const coll = join(project, 'collections/ansible_collections', parts[0]!, parts[1]!);
    writeFileSync(join(coll, 'galaxy.yml'), `namespace: ${parts[0]}\nname: ${parts[1]}\nversion: 1.0.0\n`);
  }
}

/** The scratch project: the role (and empty stand-ins for its dependencies), a play, the inventory. */
export function scratchProject(
  role: RoleInput,
  dir: string,
  inputs: Record<string, string> = {},
  extraGroups: Iterable<string> = [],
): void {
  cpSync(role.dir, join(dir, 'roles', role.name), { recursive: true });
  for (const dep of dependencies(role.dir)) standIn(dir, dep);
  for (const name of collectionModules(role.dir)) standInModule(dir, name);
  const groups = [
    ...new Set([...(role.groupVars ? projectGroups(dirname(role.groupVars)) : []), ...groupsRead(role.dir), ...extraGroups]),
  ].sort();
  if (role.groupVars) cpSync(role.groupVars, join(dir, 'group_vars'), { recursive: true });
  const hosts = HOSTS.map(([h, a]) => `${h} ansible_host=${a}`).join('\n');
  const given = Object.entries(inputs)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  const inventory = [
    `[all]\n${hosts}\n`,
    ...groups.map((g) => `[${g}]\n${HOSTS.map(([h]) => h).join('\n')}\n`),
    ...(given ? [`[all:vars]\n${given}`] : []),
  ].join('\n');
  writeFileSync(join(dir, 'hosts.ini'), inventory);
  const vars = Object.entries(PLAY_VARS[role.name] ?? {}).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`);
  writeFileSync(
    join(dir, 'site.yml'),
    `- hosts: all\n  gather_facts: false\n${vars.length ? `  vars:\n${vars.join('')}` : ''}  roles:\n    - ${role.name}\n`,
  );
}

/**
 * A project's groups (its group_vars files and its INI inventory's sections): both hosts are put in
 * each, so every group a template reads holds them.
 */
function projectGroups(project: string): string[] {
  const names = new Set(readdirSync(join(project, 'group_vars')).map((f) => f.replace(/\.ya?ml$/, '')));
  for (const f of ['hosts', 'inventory', 'hosts.ini', 'inventory.ini']) {
    const p = join(project, f);
    if (!existsSync(p) || !statSync(p).isFile()) continue;
    for (const m of readFileSync(p, 'utf8').matchAll(/^\[([\w-]+)\]\s*$/gm)) names.add(m[1]!);
  }
  return [...names].filter((g) => g !== 'all' && /^[\w-]+$/.test(g)).sort();
}

/**
 * The groups a role reads by name (`groups['x']`, `groups.x`) or through a default naming one (OSA's
 * `rabbitmq_host_group: rabbitmq_all`, by its `_all` suffix): the inventory puts both hosts in each.
 */
function groupsRead(roleDir: string): string[] {
  const names = new Set<string>();
  for (const f of readdirSync(roleDir, { recursive: true }).map(String)) {
    const path = join(roleDir, f);
    if (!/\.(ya?ml|j2)$/.test(f) || !statSync(path).isFile()) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/groups(?:\[\s*['"]([\w-]+)['"]\s*\]|\.([A-Za-z_]\w*))/g)) names.add((m[1] ?? m[2])!);
    if (f.startsWith('defaults')) for (const m of text.matchAll(/['": ]([a-z][\w-]*_all)\b/g)) names.add(m[1]!);
  }
  return [...names].filter((g) => g !== 'all');
}

/** The ground-truth facts as Ansible's setup module names them (without `ansible_`), nested where the row's name is a path. */
export function ansibleFacts(factsFile: string): Record<string, unknown> {
  const { rows } = JSON.parse(readFileSync(factsFile, 'utf8')) as { rows: Array<{ ansible: string; ansible_value?: unknown }> };
  const facts: Record<string, unknown> = {};
  for (const r of rows) {
    if (!/^ansible_[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(r.ansible) || !('ansible_value' in r)) continue;
    if (typeof r.ansible_value === 'string' && /^<none>$|^\(value too long/.test(r.ansible_value)) continue;
    const path = r.ansible.slice('ansible_'.length).split('.');
    let cur = facts;
    for (const k of path.slice(0, -1)) {
      if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
      cur = cur[k] as Record<string, unknown>;
    }
    cur[path[path.length - 1]!] = r.ansible_value;
  }
  return facts;
}

interface AnsibleRecord extends Answer {
  host: string;
  /** config_template: its template stage, compared before the overrides are merged. */
  stage?: string;
  src?: string;
  task: string;
  dest?: string;
  when?: boolean | null;
  harness?: string;
  loop_error?: string;
}
interface ChefEvent extends Answer {
  id: string;
  source?: string;
  text?: string;
  skipped?: boolean;
}

function run(
  cmd: string,
  args: string[],
  input: string,
  cwd?: string,
  env?: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, {
    input,
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: 900_000,
    ...(cwd ? { cwd } : {}),
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}

export interface Inputs {
  factsFile: string;
  schemaFile: string;
  /** The CLI that converts (this package's dist/cli/main.js unless given: a test's own build). */
  cli?: string;
}

/** One role compared: every template task Ansible reaches, per host. */
export function compareRole(role: RoleInput, inputs: Inputs): Comparison[] {
  // Variables no source sets (secrets an operator gives: OSA's passwords) get a placeholder on both
  // sides, in the inventory: each round adds the one the converged run asked for (RequiredInput).
  // Files the corpus did not copy (a role's files/gpg keys) get a placeholder text the same way.
  const given: Record<string, string> = {};
  const files = new Set<string>();
  // ... and groups the converged run names as missing (cinder_volume) join the inventory.
  const groups = new Set<string>();
  for (let round = 0; ; round++) {
    const r = compareOnce(role, inputs, given, files, groups);
    const file = r.missingFiles?.find((f) => !files.has(f));
    if (file !== undefined && round < 30) {
      files.add(file);
      continue;
    }
    const group = /group '([\w-]+)' is not in the inventory/.exec(r.chefError ?? '')?.[1];
    if (group !== undefined && !groups.has(group) && round < 30) {
      groups.add(group);
      continue;
    }
    const missing =
      /'(\w+)' is undefined \(node\['ansible'\]\['\1'\] is not set\); no role, inventory or play/.exec(r.chefError ?? '')?.[1] ??
      /^[^\n]*in `read!': no attribute ansible\.(\w+) \(Chef::Exceptions::NoSuchAttribute\)/.exec(r.chefError ?? '')?.[1];
    if (!missing || round >= 30 || missing in given) return r.rows;
    given[missing] = `given-${missing}`;
  }
}

function compareOnce(
  role: RoleInput,
  inputs: Inputs,
  given: Record<string, string>,
  files: Set<string>,
  groups: Set<string>,
): { rows: Comparison[]; chefError?: string; missingFiles?: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-tdiff-'));
  try {
    const project = join(dir, 'project');
    const out = join(dir, 'out');
    scratchProject(role, project, given, groups);
    for (const f of files) {
      mkdirSync(dirname(join(project, 'roles', role.name, 'files', f)), { recursive: true });
      writeFileSync(join(project, 'roles', role.name, 'files', f), `given-${f}\n`);
    }
    const conv = run(process.execPath, [inputs.cli ?? CLI, 'convert', project, '--out', out, '--force', '-q'], '');
    const report = existsSync(join(out, 'CONVERSION.md')) ? readFileSync(join(out, 'CONVERSION.md'), 'utf8') : '';
    const missingFiles = [...report.matchAll(/A2C-MISSING-FILE: .*?no file of the input is ([\w./-]+) /g)].map((m) => m[1]!);
    const ans = run(
      '/usr/bin/python3',
      [ANSIBLE_SIDE],
      JSON.stringify({
        project,
        playbook: join(project, 'site.yml'),
        inventory: join(project, 'hosts.ini'),
        facts: ansibleFacts(inputs.factsFile),
      }),
      project,
      { ANSIBLE_COLLECTIONS_PATH: join(project, 'collections') },
    );
    if (ans.status !== 0)
      return {
        rows: [{ role: role.label, host: '*', task: '*', verdict: 'harness', note: `Ansible side failed: ${lastLine(ans.stderr)}` }],
      };
    const records = JSON.parse(ans.stdout) as AnsibleRecord[];
    let events: Record<string, ChefEvent[]> = {};
    let chefNote: string | undefined;
    let chefError: string | undefined;
    // A conversion with error diagnostics (a file the corpus does not hold) still writes its output.
    if (!existsSync(join(out, 'nodes'))) chefNote = `conversion failed: ${lastLine(conv.stderr)}`;
    else {
      const input = {
        cookbooks: out,
        render_skipped: true,
        resources: resourceSchema(inputs.schemaFile),
        automatic: automaticAttributes(inputs.factsFile),
      };
      const chef = run('ruby', [CHEF_SIDE], JSON.stringify(input));
      if (chef.status !== 0) {
        chefNote = `converge failed: ${chef.stderr.trim().split('\n')[0]}`;
        chefError = chef.stderr;
      } else events = JSON.parse(chef.stdout) as Record<string, ChefEvent[]>;
    }
    const rows = records.map((r) => judge(role.label, r, events[r.host] ?? [], chefNote, project));
    return { rows, missingFiles, ...(chefError !== undefined ? { chefError } : {}) };
  } finally {
    // A2C_TDIFF_KEEP=1 keeps the scratch project and output to look at (its path on stderr).
    if (process.env['A2C_TDIFF_KEEP']) console.error(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').slice(-1)[0] ?? '';
}

function judge(role: string, r: AnsibleRecord, events: ChefEvent[], chefNote: string | undefined, project: string): Comparison {
  const base = {
    role,
    host: r.host,
    ...(r.stage ? { stage: r.stage } : {}),
    task: r.task.startsWith(project) ? r.task.slice(project.length + 1) : r.task,
    ...(r.dest !== undefined ? { dest: r.dest } : {}),
    ...(r.when !== undefined ? { when: r.when } : {}),
  };
  if (r.harness) return { ...base, verdict: 'harness', note: r.harness };
  if (r.loop_error) return { ...base, verdict: 'harness', note: `loop not evaluated: ${r.loop_error}` };
  const ansible: Answer = r.error !== undefined ? { error: r.error } : { out: r.out ?? '' };
  // The template resources written to the task's destination from its source (`x.j2` -> `x.erb`).
  const stem = typeof r.src === 'string' ? basename(r.src).replace(/\.j2$/, '') : undefined;
  const ev = events.filter(
    (e) =>
      e.id === `template[${r.dest}]` &&
      (e.text !== undefined || e.error !== undefined) &&
      (stem === undefined || typeof e.source !== 'string' || basename(e.source).replace(/\.erb$/, '') === stem),
  );
  if (ev.length === 0) return { ...base, verdict: 'not-converted', ansible, ...(chefNote ? { note: chefNote } : {}) };
  // A destination written twice (a loop, or two tasks): the rendering closest to Ansible's is this task's.
  const chefs: Answer[] = ev.map((e) => (e.error !== undefined ? { error: e.error } : { out: e.text ?? '' }));
  const chef = chefs.find((c) => c.out !== undefined && c.out === ansible.out) ?? chefs[0]!;
  const verdict: Verdict =
    ansible.error !== undefined
      ? chef.error !== undefined
        ? 'both-fail'
        : 'ansible-fails'
      : chef.error !== undefined
        ? 'chef-fails'
        : chef.out === ansible.out
          ? 'equal'
          : 'different';
  return { ...base, verdict, ansible, chef };
}

/** The first lines where two texts part (a short unified view for the report). */
export function firstDifference(a: string, b: string, context = 1): string {
  const x = a.split('\n');
  const y = b.split('\n');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const lines: string[] = [];
  for (let k = Math.max(0, i - context); k < i; k++) lines.push(`  ${x[k]}`);
  for (let k = i; k < Math.min(x.length, i + 3); k++) lines.push(`- ${x[k]}`);
  for (let k = i; k < Math.min(y.length, i + 3); k++) lines.push(`+ ${y[k]}`);
  return `line ${i + 1}:\n${lines.join('\n')}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const only = args.includes('--role') ? args[args.indexOf('--role') + 1] : undefined;
  const shared = resolve(args.includes('--shared') ? args[args.indexOf('--shared') + 1]! : join(packageRoot, '../shared'));
  const options = ['--json', '--role', '--shared'];
  const corpus = resolve(args.find((a, i) => !a.startsWith('--') && !options.includes(args[i - 1] ?? '')) ?? join(shared, 'corpus'));
  const inputs: Inputs = { factsFile: join(shared, 'ground-truth/facts.json'), schemaFile: join(shared, 'chef/resources.json') };
  const all: Comparison[] = [];
  for (const role of corpusRoles(corpus).filter((r) => !only || r.label.includes(only))) {
    const rows = compareRole(role, inputs);
    all.push(...rows);
    const counts = tally(rows);
    console.log(
      `${role.label.padEnd(60)} ${Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
  }
  console.log('');
  console.log(
    `total (renderings: template task x loop item x host): ${Object.entries(tally(all))
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  for (const c of all.filter(
    (c) => c.verdict !== 'equal' && c.verdict !== 'not-converted' && c.verdict !== 'harness' && c.host === HOSTS[0]![0],
  )) {
    console.log(`\n[${c.verdict}] ${c.role} ${c.task} -> ${c.dest} (when: ${c.when})`);
    if (c.verdict === 'different') console.log(firstDifference(c.ansible!.out!, c.chef!.out!));
    else console.log(`  ansible: ${c.ansible?.error ?? 'renders'}\n  chef: ${c.chef?.error ?? 'renders'}`);
  }
  if (json) writeFileSync(json, `${JSON.stringify(all, null, 1)}\n`);
}

function tally(rows: Comparison[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.verdict] = (out[r.verdict] ?? 0) + 1;
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
