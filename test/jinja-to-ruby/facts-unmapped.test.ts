// A fact is a fact: an `ansible_*` name that is one of Ansible's facts but has no Ohai mapping in
// mappings/facts.toml becomes a TODO naming the fact, never a user attribute (which would make every
// `is defined` / `default()` guard on it take the fallback). `ansible_facts.x` and `ansible_x` agree.
// The list of fact names (mappings/fact-names.toml) is checked against the facts real Ansible gathers.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isFactRoot } from '../../src/jinja-to-ruby/facts.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const UNMAPPED = [
  'ansible_lvm',
  'ansible_cmdline',
  'ansible_virtualization_type',
  'ansible_system_capabilities',
  'ansible_all_ipv4_addresses',
  'ansible_python',
];

async function guarded(when: string) {
  const r = await convertRole({ 'tasks/main.yml': `- name: guarded\n  debug:\n    msg: hello\n  when: ${when}\n` });
  return { body: recipeBody(r, 'demo'), diagnostics: r.diagnostics.map((d) => `${d.span?.line}:${d.span?.col} ${d.code} ${d.message}`) };
}

describe('unmapped facts', () => {
  it.each(UNMAPPED)('%s in a definedness guard is a TODO naming the fact, not a user attribute', async (fact) => {
    const { body, diagnostics } = await guarded(`${fact} is not defined or ${fact} | default('x') != 'docker'`);
    // No code reads it as a node attribute (the TODO comment quotes the task as written).
    expect(body.split('\n').filter((l) => !l.startsWith('#'))).toEqual([]);
    expect(body).toContain(`TODO(ansible2chef): A2C-TODO-JINJA condition not translated: fact '${fact}'`);
    expect(diagnostics).toEqual([expect.stringMatching(new RegExp(`^4:9 A2C-TODO-JINJA .*fact '${fact}'`))]);
  });

  it.each(UNMAPPED.map((f) => f.slice('ansible_'.length)))('ansible_facts.%s and ansible_%s agree', async (fact) => {
    const bare = await guarded(`ansible_${fact} is defined`);
    const dotted = await guarded(`ansible_facts.${fact} is defined`);
    const indexed = await guarded(`ansible_facts['${fact}'] is defined`);
    expect(dotted.diagnostics).toEqual(bare.diagnostics);
    expect(indexed.diagnostics).toEqual(bare.diagnostics);
  });

  it('a mapped fact still reads Ohai through every spelling', async () => {
    const bare = await guarded(`ansible_virtualization_role == 'guest'`);
    const dotted = await guarded(`ansible_facts.virtualization_role == 'guest'`);
    expect(bare.diagnostics).toEqual([]);
    expect(bare.body).toContain("node.read!('virtualization', 'role')");
    expect(dotted.body).toBe(bare.body);
  });

  it('per-interface facts are facts', async () => {
    const { diagnostics } = await guarded(`ansible_eth0.ipv4.address is defined`);
    expect(diagnostics).toEqual([expect.stringMatching(/fact 'ansible_eth0\.ipv4\.address'/)]);
  });

  it('connection variables and other ansible_ names are not facts', () => {
    for (const name of [
      'ansible_host',
      'ansible_user',
      'ansible_port',
      'ansible_python_interpreter',
      'ansible_become_user',
      'ansible_ssh_host',
      'ansible_ensure_x',
      'ansible_env_name',
    ]) {
      expect(isFactRoot(name, builtinTables()), name).toBe(false);
    }
  });

  it('a project variable named like a fact stays the project variable', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'ansible_fqdn: web.example.org\n',
      'tasks/main.yml': '- debug:\n    msg: "{{ ansible_fqdn }}"\n',
    });
    expect(r.diagnostics).toEqual([]);
    expect(recipeBody(r, 'demo')).toContain("'ansible_fqdn'");
  });
});

const ansible = requireOrSkip('ansible', hasTool('ansible'));

describe.skipIf(!ansible)('fact names against real Ansible', () => {
  it('every fact the setup module gathers here is known as a fact', () => {
    const r = spawnSync('ansible', ['localhost', '-c', 'local', '-m', 'setup', '-a', 'gather_subset=all'], {
      encoding: 'utf8',
      timeout: 300_000,
      env: ansibleEnv({ ANSIBLE_INVENTORY_UNPARSED_WARNING: 'False', ANSIBLE_LOAD_CALLBACK_PLUGINS: 'False' }),
    });
    expect(r.status, r.stderr).toBe(0);
    const json = r.stdout.slice(r.stdout.indexOf('{'));
    const facts = Object.keys((JSON.parse(json) as { ansible_facts: Record<string, unknown> }).ansible_facts).filter((k) =>
      k.startsWith('ansible_'),
    );
    expect(facts.length).toBeGreaterThan(50);
    expect(facts.filter((k) => !isFactRoot(k, builtinTables()))).toEqual([]);
  });
});
