// ansible_lsb's id, description, release and major_release read from Ohai's lsb attributes
// (mappings/facts.toml), compared live on this machine: real `ohai lsb` gives the node, the Ruby the
// converter prints for each fact runs on it, and the values must be what ansible-core's setup module
// gathers here. wireguard's `ansible_lsb.major_release is version('19.10', '<')` converts from these.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factRuby } from '../../src/jinja-to-ruby/facts.js';
import { printExpr } from '../../src/print/print-expr.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FACTS = ['lsb.id', 'lsb.description', 'lsb.release', 'lsb.major_release'];
const ready =
  requireOrSkip('ohai', hasTool('ohai')) &&
  requireOrSkip('ansible', hasTool('ansible')) &&
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('lsb_release', hasTool('lsb_release'));

describe.skipIf(!ready)('ansible_lsb facts from Ohai against the setup module', () => {
  it('gives the values the setup module gathers on this machine', () => {
    const ohai = spawnSync('ohai', ['lsb'], { encoding: 'utf8', timeout: 120_000 });
    expect(ohai.status, ohai.stderr).toBe(0);
    const setup = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'filter=ansible_lsb'], {
      encoding: 'utf8',
      env: ansibleEnv(),
      timeout: 180_000,
    });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    const gathered = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))) as {
      ansible_facts: { ansible_lsb: Record<string, string> };
    };
    const lsb = gathered.ansible_facts.ansible_lsb;
    const tables = builtinTables();
    const lines = FACTS.map((fact) => `out << (${printExpr(factRuby(tables.facts[fact]!, fact))})`);
    const script = [
      "require 'json'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts'",
      `node = { 'lsb' => JSON.parse(${JSON.stringify(ohai.stdout)}) }`,
      'def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }',
      'out = []',
      ...lines,
      'print JSON.generate(out)',
    ].join('\n');
    const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as string[];
    expect(Object.fromEntries(FACTS.map((f, i) => [f, got[i]]))).toEqual(
      Object.fromEntries(FACTS.map((f) => [f, lsb[f.slice('lsb.'.length)]])),
    );
    expect(lsb['major_release']).toBeTruthy();
  }, 300_000);
});

describe('a condition on ansible_lsb.major_release', () => {
  it('converts to the Ohai release split as Ansible splits it', async () => {
    const body = recipeBody(
      await convertRole({
        'tasks/main.yml': "- package: {name: software-properties-common}\n  when: ansible_lsb.major_release is version('19.10', '<')\n",
      }),
      'demo',
    );
    expect(body).not.toContain('TODO');
    expect(body).toContain("node.read!('lsb', 'release').split('.')[0]");
  });
});
