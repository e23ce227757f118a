#!/usr/bin/env node
// One-off move of src/ into folders named for the pipeline stages, and of test/ into a tree that
// mirrors them (issue 18). Run once from the repository root on a clean checkout:
//
//   node scripts/restructure.mjs            # moves (git mv), rewrites imports and paths, prints each move
//   node scripts/restructure.mjs --dry-run  # prints the moves only
//
// Every relative module specifier (static import/export, import(), vi.mock) is re-resolved from the
// file's new place to its target's new place with ts-morph; test files that moved deeper get the
// string paths they build from import.meta.url / import.meta.dirname rebased; every repository path
// written in text (`src/ruby/support-cookbook/...` in tests, Ruby helpers, package.json, README) is
// replaced. A tree that is already restructured is left alone. The script is deleted after use.
//
// On merged main (clean working tree):
//   node scripts/restructure.mjs --dry-run   # read the moves; 'placed by their imports' lists new tests
//   node scripts/restructure.mjs
//   rm -rf dist && npm run build
//   node dist/cli/main.js convert playbooks --out cookbooks-out -q --force   # only manifest.json's hashes move
//   npx vitest run test/architecture/import-graph.test.ts && npx vitest run
//   git rm -q scripts/restructure.mjs && git add -A && git commit
// A src/ file in a folder this script does not know stops it before anything moves: add a row below.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';

const ROOT = process.cwd();
const DRY = process.argv.includes('--dry-run');
const posix = (p) => p.split(sep).join('/');
const abs = (rel) => join(ROOT, rel);

if (!existsSync(abs('package.json')) || JSON.parse(readFileSync(abs('package.json'), 'utf8')).name !== 'ansible2chef') {
  console.error('run from the ansible2chef repository root');
  process.exit(2);
}
if (existsSync(abs('src/load')) && !existsSync(abs('src/ansible'))) {
  console.log('already restructured (src/load exists, src/ansible does not): nothing to do');
  process.exit(0);
}
if (existsSync(abs('src/load')) || !existsSync(abs('src/ansible'))) {
  console.error('partly restructured tree (src/load and src/ansible both present or both absent): stop');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// src/: where each file goes. Exact files first, then folders (longest prefix wins); a file in a
// folder that keeps its name stays; anything else stops the script (a new folder needs a row here).

const SRC_FILES = {
  'src/diagnostics.ts': 'src/base/diagnostics.ts',
  'src/diagnostic-codes.ts': 'src/base/diagnostic-codes.ts',
  'src/value-kinds.ts': 'src/base/value-kinds.ts',
  'src/ruby/support-cookbook.ts': 'src/support-cookbook/files.ts',
  'src/chef/ir.ts': 'src/ir/chef-ir.ts',
  'src/ruby/ast.ts': 'src/ir/ruby-ast.ts',
  'src/ruby/names.ts': 'src/ir/ruby-names.ts',
  'src/chef/walk.ts': 'src/ir/walk.ts',
  'src/chef/output-path.ts': 'src/ir/output-path.ts',
  'src/chef/reserved-names.ts': 'src/resolve/reserved-names.ts',
  'src/chef/layout.ts': 'src/print/layout.ts',
  'src/translate/symbols.ts': 'src/resolve/symbols.ts',
  'src/translate/precedence.ts': 'src/resolve/precedence.ts',
  'src/translate/attribute-keys.ts': 'src/resolve/attribute-keys.ts',
  'src/plugins/adapter.ts': 'src/translate/modules/plugin-adapter.ts',
  'src/plugins/api.ts': 'src/mapping/plugins/api.ts',
  'src/plugins/load.ts': 'src/mapping/plugins/load.ts',
  'src/plugins/register.ts': 'src/mapping/plugins/register.ts',
};
// translate/task/: one task and what its keywords become (loops, register, includes, handlers).
for (const f of ['task', 'keyword-policy', 'role-keywords', 'strict-bool', 'loops', 'unroll', 'until', 'register', 'include-inline', 'repeated-includes', 'handlers', 'service-handlers', 'run-once', 'task-vars', 'task-refusal', 'task-scope', 'module-call', 'task-resources', 'task-guards', 'task-keywords', 'register-task', 'register-reads']) {
  SRC_FILES[`src/translate/${f}.ts`] = `src/translate/task/${f}.ts`;
}
const SRC_DIRS = {
  'src/ruby/support-cookbook': 'src/support-cookbook/ruby',
  'src/ansible': 'src/load/ansible',
  'src/jinja': 'src/load/jinja',
  'src/plugins/builtin': 'src/mapping/plugins/builtin',
  'src/analyze': 'src/audit',
  'src/translate/jinja': 'src/jinja-to-ruby',
  'src/ruby': 'src/print',
};
const SRC_KEEP = ['src/index.ts', 'src/convert.ts', 'src/config/', 'src/mapping/', 'src/resolve/', 'src/translate/', 'src/report/', 'src/workspace/', 'src/plan/', 'src/cli/', 'src/scripts/'];

function srcTarget(rel) {
  if (SRC_FILES[rel]) return SRC_FILES[rel];
  const dir = Object.keys(SRC_DIRS).sort((a, b) => b.length - a.length).find((d) => rel.startsWith(`${d}/`));
  if (dir) return SRC_DIRS[dir] + rel.slice(dir.length);
  if (SRC_KEEP.some((k) => (k.endsWith('/') ? rel.startsWith(k) : rel === k))) return rel;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// test/: each test file in the folder of the stage it tests (test/<stage>/ mirrors src/<stage>/).
// helpers/, tools/, fixtures/, golden*/ and rubocop/ stay where they are (shared by every stage).

const TEST_STAGE = {
  base: ['diagnostic-codes', 'diagnostic-code-cases'],
  config: ['config-role-names', 'workflow-config'],
  'support-cookbook': ['support-capabilities', 'support-find', 'support-openstack', 'support-assemble', 'support-config-template', 'support-cookbook', 'support-helpers-exist', 'support-svcapi', 'support-tasks', 'facts-pkg-mgr', 'py-literal-differential', 'line-edit-validate'],
  load: ['yaml', 'yaml-pyyaml', 'yaml-multidoc', 'inventory-ini', 'free-form-args', 'shlex-differential', 'include-task-paths', 'role-ref-keywords', 'input-walk-odd-entries', 'taskfile-unreadable', 'read-input-lookups'],
  'load/jinja': ['jinja-parser', 'jinja-agreement', 'jinja-parse-once', 'jinja-syntax-error'],
  mapping: ['keyword-table', 'mapping-meta', 'mapping-names', 'mapping-property-default', 'mapping-tables', 'modules', 'plugins-builtin', 'plugins-user'],
  resolve: ['attribute-keys', 'attribute-precedence', 'typed-reads-differential'],
  ir: ['ruby-names'],
  audit: ['analyze-fix-plan', 'analyze-golden', 'analyze-ipwrap', 'analyze-module-args', 'analyze-rules', 'audit-rewrite-scale', 'no-log-findings'],
  'jinja-to-ruby': ['facts-architecture', 'facts-container', 'python-regex-differential', 'jinja-translate', 'jinja-differential', 'jinja-float-literals', 'jinja-round', 'lookups-differential', 'string-statements-differential', 'string-value-differential', 'string-type-filters', 'removed-test-filters', 'facts-table', 'facts-unmapped', 'facts-library'],
  'translate/modules': ['alternatives', 'apt-repository-source', 'dpkg-divert', 'file-directory-parents', 'file-recurse', 'file-state-default', 'get-url-force', 'git-local-mods', 'mount-state', 'package-repo-options', 'rpm-key', 'service-masked', 'service-reloaded', 'module-arg-coercion', 'modules-coverage', 'unshippable-names'],
  'translate/task': ['register-reads', 'changed-when-notify', 'handler-daemon-reload', 'include-repeated', 'include-role-missing', 'include-templated', 'include-vars-facts', 'loop-control-alone', 'register-reasons', 'run-once', 'run-once-ansible', 'run-once-compile', 'set-fact-bool', 'strict-bool', 'task-vars', 'task-vars-ansible', 'unroll', 'template-loop-vars', 'no-log-inheritance'],
  translate: ['attribute-order-scale', 'deferred-variables', 'first-found-shape', 'groups-search', 'lookup-password', 'lookup-role-file', 'platform-checks', 'policyfile-data-only', 'role-entry-vars', 'role-resource', 'role-resource-ansible', 'translate-references', 'vault-scope', 'reserved-output-names'],
  print: ['erb-printer', 'ruby-printer', 'ruby-literal.property', 'printer-cookstyle'],
  report: ['todo-needs', 'partial-run-report'],
  workspace: ['rerun-input-stamps', 'workflow-diff', 'output-inside-input', 'output-options'],
  pipeline: ['golden', 'example-output', 'rubocop-cookstyle', 'chef-compile', 'chef-compile-kinds', 'chef-compile-unset-vars', 'chef-schema', 'install', 'bench-estate', 'bench-large-defaults', 'bad-input', 'determinism'],
  plan: ['nothing-to-convert', 'workflow-plan'],
  cli: ['cli', 'cli-os-errors', 'cli-run-messages', 'workflow-cli', 'workflow-kill', 'init-layout', 'one-line-output'],
  scripts: ['chef-compile-corpus', 'corpus-split', 'style-metrics', 'jinja-corpus'],
};
const TEST_FILES = { 'test/workflow-helpers.ts': 'test/helpers/workflow.ts' };
for (const [stage, names] of Object.entries(TEST_STAGE)) for (const n of names) TEST_FILES[`test/${n}.test.ts`] = `test/${stage}/${n}.test.ts`;
const TEST_DIRS = { 'test/robustness': 'test/pipeline/robustness' };
const TEST_KEEP = ['test/helpers/', 'test/tools/', 'test/fixtures/', 'test/golden', 'test/rubocop/'];

/** A test file no row names (added after this script was written): placed by the src stage it imports most. */
function guessTestStage(rel, text, srcMap) {
  const counts = new Map();
  for (const m of text.matchAll(/from '((?:\.\.\/)+src\/[^']+)'/g)) {
    const target = srcMap.get(posix(relative(ROOT, resolve(dirname(abs(rel)), m[1].replace(/\.js$/, '.ts')))));
    if (!target) continue;
    const parts = target.split('/');
    const stage = parts.length > 2 && parts[1] !== 'base' ? parts[1] : undefined;
    if (stage) counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best ? best[0] : 'pipeline';
}

function testTarget(rel, srcMap, guessed) {
  if (TEST_FILES[rel]) return TEST_FILES[rel];
  const dir = Object.keys(TEST_DIRS).find((d) => rel.startsWith(`${d}/`));
  if (dir) return TEST_DIRS[dir] + rel.slice(dir.length);
  if (TEST_KEEP.some((k) => rel.startsWith(k))) return rel;
  if (/^test\/[^/]+\.test\.ts$/.test(rel)) {
    const stage = guessTestStage(rel, readFileSync(abs(rel), 'utf8'), srcMap);
    guessed.push(rel);
    return `test/${stage}/${rel.slice('test/'.length)}`;
  }
  return rel;
}

// ---------------------------------------------------------------------------------------------

function walk(rel) {
  return readdirSync(abs(rel), { withFileTypes: true }).flatMap((e) => {
    const p = `${rel}/${e.name}`;
    return e.isDirectory() ? walk(p) : [p];
  });
}

const srcMap = new Map();
const unplaced = [];
for (const rel of walk('src')) {
  const to = srcTarget(rel);
  if (to === undefined) unplaced.push(rel);
  else srcMap.set(rel, to);
}
if (unplaced.length) {
  console.error(`no stage for these src files (add a row to SRC_FILES or SRC_DIRS):\n  ${unplaced.join('\n  ')}`);
  process.exit(2);
}
const guessed = [];
const testMap = new Map(walk('test').map((rel) => [rel, testTarget(rel, srcMap, guessed)]));
const moves = new Map([...srcMap, ...testMap].filter(([a, b]) => a !== b));
// The check that keeps the stages one way is written for the moved tree; it joins the tests with it.
if (existsSync(abs('scripts/import-graph.test.ts'))) moves.set('scripts/import-graph.test.ts', 'test/architecture/import-graph.test.ts');
const clash = [...moves.values()].find((to, i, all) => all.indexOf(to) !== i || (existsSync(abs(to)) && !moves.has(to)));
if (clash) {
  console.error(`two files would land on ${clash}: stop`);
  process.exit(2);
}
const newPath = (rel) => moves.get(rel) ?? rel;

for (const [from, to] of [...moves].sort()) console.log(`${from} -> ${to}`);
if (guessed.length) console.log(`\nplaced by their imports (no row in TEST_STAGE; check):\n  ${guessed.join('\n  ')}`);
if (DRY) process.exit(0);

// ---------------------------------------------------------------------------------------------
// Module specifiers, with the files still in their old places: each relative specifier is resolved
// to the file it names today and rewritten to reach that file's new place from the importer's.

const project = new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
const tsFiles = [...srcMap.keys(), ...testMap.keys()].filter((f) => f.endsWith('.ts'));
for (const f of tsFiles) project.addSourceFileAtPath(abs(f));

const fileOf = (fromRel, spec) => {
  const base = posix(relative(ROOT, resolve(dirname(abs(fromRel)), spec)));
  for (const cand of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`]) if (existsSync(abs(cand)) && statSync(abs(cand)).isFile()) return cand;
  return undefined;
};
const specifierFor = (fromNew, targetNew, oldSpec) => {
  let spec = posix(relative(dirname(fromNew), targetNew));
  if (!spec.startsWith('.')) spec = `./${spec}`;
  // Keep the specifier's own extension style (.js for ESM imports of .ts sources).
  if (oldSpec.endsWith('.js')) spec = spec.replace(/\.ts$/, '.js');
  else if (!oldSpec.endsWith('.ts')) spec = spec.replace(/\.ts$/, '');
  return spec;
};

let specifiers = 0;
const unresolved = [];
const specifierNodes = new Set();
for (const sf of project.getSourceFiles()) {
  const fromRel = posix(relative(ROOT, sf.getFilePath()));
  const fromNew = newPath(fromRel);
  const literals = [
    ...sf.getImportDeclarations().map((d) => d.getModuleSpecifier()),
    ...sf.getExportDeclarations().map((d) => d.getModuleSpecifier()).filter(Boolean),
    ...sf.getDescendantsOfKind(SyntaxKind.CallExpression).flatMap((c) => {
      const callee = c.getExpression().getText();
      const arg = c.getArguments()[0];
      const named = callee === 'import' || /^vi\.(mock|doMock|unmock|importActual|importMock)$/.test(callee);
      return named && arg && arg.getKind() === SyntaxKind.StringLiteral ? [arg] : [];
    }),
  ];
  for (const lit of literals) {
    specifierNodes.add(lit);
    const spec = lit.getLiteralValue();
    if (!spec.startsWith('.')) continue;
    const target = fileOf(fromRel, spec);
    if (!target) {
      unresolved.push(`${fromRel}: ${spec}`);
      continue;
    }
    const next = specifierFor(fromNew, newPath(target), spec);
    if (next !== spec) {
      lit.setLiteralValue(next);
      specifiers++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Paths built from the test file's own place. A literal joined to the file's folder is rebased so it
// still names the same file; a folder kept in a variable or used with a computed path gets the old
// folder back (one `..` per level the file moved down).

const DIR_ANCHORS = ['import.meta.dirname', 'dirname(fileURLToPath(import.meta.url))'];
const isDirAnchor = (n) => DIR_ANCHORS.includes(n.getText().replace(/\s+/g, ''));
const rebased = [];
const manual = [];
for (const sf of project.getSourceFiles()) {
  const fromRel = posix(relative(ROOT, sf.getFilePath()));
  const fromNew = newPath(fromRel);
  if (!fromRel.startsWith('test/') || dirname(fromRel) === dirname(fromNew)) continue;
  const oldDir = abs(dirname(fromRel));
  const newDir = abs(dirname(fromNew));
  const rebase = (lit, urlStyle) => {
    const v = lit.getLiteralValue();
    const target = abs(newPath(posix(relative(ROOT, resolve(oldDir, v)))));
    let next = posix(relative(newDir, target)) || '.';
    if (urlStyle && !next.startsWith('.')) next = `./${next}`;
    if (v.endsWith('/') && !next.endsWith('/')) next += '/';
    lit.setLiteralValue(next);
    rebased.push(`${fromNew}: '${v}' -> '${next}'`);
  };
  const up = posix(relative(newDir, oldDir));
  const anchors = (sf.getFullText().match(/import\.meta\.(url|dirname|filename)|__dirname|__filename/g) ?? []).length;
  let handled = 0;
  // path.resolve/join(<file's folder>, 'literal', ...): the first literal.
  for (const c of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (c.wasForgotten()) continue;
    const callee = c.getExpression().getText();
    const args = c.getArguments();
    if (/^(path\.)?(resolve|join)$/.test(callee) && args[0] && isDirAnchor(args[0])) {
      handled++;
      if (args[1]?.getKind() === SyntaxKind.StringLiteral) rebase(args[1], false);
      else args[0].replaceWithText(`${callee}(${args[0].getText()}, '${up}')`);
    }
  }
  // new URL('literal', import.meta.url), or a computed path: the base gets the old folder back.
  for (const n of sf.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    if (n.wasForgotten() || n.getExpression().getText() !== 'URL') continue;
    const [first, base] = n.getArguments();
    if (!base || base.getText() !== 'import.meta.url') continue;
    handled++;
    if (first.getKind() === SyntaxKind.StringLiteral) rebase(first, true);
    else base.replaceWithText(`new URL('${up}/', import.meta.url)`);
  }
  // const here = <file's folder>: the variable names the old folder.
  for (const d of sf.getDescendantsOfKind(SyntaxKind.VariableDeclaration)) {
    const init = d.getInitializer();
    if (!init || init.wasForgotten() || !isDirAnchor(init)) continue;
    handled++;
    init.replaceWithText(`join(${init.getText()}, '${up}')`);
    const pathImport = sf.getImportDeclarations().find((i) => ['node:path', 'path'].includes(i.getModuleSpecifierValue()));
    if (!pathImport) sf.insertImportDeclaration(0, { moduleSpecifier: 'node:path', namedImports: ['join'] });
    else if (!pathImport.getNamedImports().some((ni) => ni.getName() === 'join')) pathImport.addNamedImport('join');
    rebased.push(`${fromNew}: ${d.getName()} = its old folder`);
  }
  if (anchors > handled) manual.push(fromNew);
}

// A test that reads another test file by a path relative to its (old) folder, `read('./x.test.ts')`:
// the literal follows the file it names.
for (const sf of project.getSourceFiles()) {
  const fromRel = posix(relative(ROOT, sf.getFilePath()));
  if (!fromRel.startsWith('test/')) continue;
  const oldDir = abs(dirname(fromRel));
  for (const lit of sf.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
    if (lit.wasForgotten() || specifierNodes.has(lit)) continue;
    const v = lit.getLiteralValue();
    if (!/^\.\.?\//.test(v)) continue;
    const target = posix(relative(ROOT, resolve(oldDir, v)));
    if (!moves.has(target) || !existsSync(abs(target)) || !statSync(abs(target)).isFile()) continue;
    let next = posix(relative(oldDir, abs(moves.get(target))));
    if (!next.startsWith('.')) next = `./${next}`;
    lit.setLiteralValue(next);
    rebased.push(`${newPath(fromRel)}: '${v}' -> '${next}' (a moved file, from the old folder)`);
  }
}

project.saveSync();

// ---------------------------------------------------------------------------------------------
// The moves themselves (git mv keeps the history of each file).

for (const [from, to] of moves) {
  execFileSync('mkdir', ['-p', dirname(abs(to))]);
  execFileSync('git', ['mv', from, to], { cwd: ROOT });
}
const pruneEmpty = (rel) => {
  if (!existsSync(abs(rel)) || !statSync(abs(rel)).isDirectory()) return;
  for (const e of readdirSync(abs(rel))) pruneEmpty(`${rel}/${e}`);
  if (readdirSync(abs(rel)).length === 0) execFileSync('rmdir', [abs(rel)]);
};
pruneEmpty('src');
pruneEmpty('test');

// ---------------------------------------------------------------------------------------------
// Repository paths written as text (Ruby require_relative, string paths in tests, package.json
// "files", comments, docs): each moved file and folder, the longest first, whole path segments only.

const pathMoves = new Map();
for (const [from, to] of moves) {
  pathMoves.set(from, to);
  if (from.startsWith('src/') && from.endsWith('.ts')) pathMoves.set(`dist/${from.slice(4, -3)}.js`, `dist/${to.slice(4, -3)}.js`);
}
for (const [from, to] of Object.entries({ ...SRC_DIRS, ...TEST_DIRS })) if (!from.startsWith('src/ruby') || from === 'src/ruby/support-cookbook') pathMoves.set(from, to);
const ordered = [...pathMoves].sort((a, b) => b[0].length - a[0].length);
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathRe = new RegExp(`(?<![\\w.-])(${ordered.map(([f]) => esc(f)).join('|')})(?![\\w-]|\\.[a-z])`, 'g');

// The support cookbook's Ruby is output: its comments keep their old paths so every generated file
// stays byte-identical through the move (listed below for a later, output-changing commit).
const shipped = (f) => f.startsWith('src/support-cookbook/ruby/');
const textFiles = [
  ...walk('src').filter((f) => !/\.(png|gz)$/.test(f) && !shipped(f)),
  ...walk('test').filter((f) => !/^test\/(golden|fixtures)/.test(f)),
  ...['package.json', 'vitest.config.ts', 'tsconfig.json', 'README.md', '.ci/run', '.gitignore'].filter((f) => existsSync(abs(f))),
  ...(existsSync(abs('docs')) ? walk('docs') : []),
  ...(existsSync(abs('bench')) ? walk('bench').filter((f) => /\.(mjs|js|ts|md|json)$/.test(f)) : []),
];
const textChanged = [];
for (const f of textFiles) {
  const before = readFileSync(abs(f), 'utf8');
  const after = before.replace(pathRe, (m) => pathMoves.get(m));
  if (after !== before) {
    writeFileSync(abs(f), after);
    textChanged.push(f);
  }
}

const stale = walk('src').filter(shipped).filter((f) => new RegExp(pathRe.source).test(readFileSync(abs(f), 'utf8')));
console.log(`\n${moves.size} files moved, ${specifiers} module specifiers rewritten, ${rebased.length} test-relative paths rebased, ${textChanged.length} files with repository paths updated`);
for (const r of rebased) console.log(`  rebased ${r}`);
if (textChanged.length) console.log(`  paths updated in: ${textChanged.join(', ')}`);
if (unresolved.length) console.log(`\nspecifiers that resolve to no file (left as they were):\n  ${unresolved.join('\n  ')}`);
if (stale.length) console.log(`\nold repository paths left in comments of the shipped support cookbook (output; update with an output-changing commit):\n  ${stale.join('\n  ')}`);
if (manual.length) console.log(`\ncheck by hand (a file-relative path the script does not rewrite):\n  ${manual.join('\n  ')}`);
console.log('\nnext: npm run build && node dist/cli/main.js convert playbooks --out cookbooks-out -q --force && npx vitest run');
