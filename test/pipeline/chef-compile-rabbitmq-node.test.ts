// community.rabbitmq's `node` parameter in the compile-phase check. Chef refuses a resource property
// named like one of Chef::Resource's methods (`node` among them): the resource class fails to load
// and so does every run. The support resources name it rabbitmq_node, and the block's `node` stays
// the Chef node, which the value itself reads.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { convertRole } from '../helpers/convert-helpers.js';

const ready = compileReady();

describe.skipIf(!ready)('rabbitmq resources with a broker node compile in Chef', () => {
  it('declares the policy, user and vhost with the node Ansible names', async () => {
    const node = 'rabbit@{{ ansible_facts["hostname"] }}';
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: Policy',
        '  community.rabbitmq.rabbitmq_policy:',
        '    name: ha-all',
        '    pattern: ".*"',
        '    tags: { ha-mode: all }',
        `    node: '${node}'`,
        '- name: Vhost',
        '  community.rabbitmq.rabbitmq_vhost:',
        '    name: /nova',
        `    node: '${node}'`,
        '- name: User',
        '  community.rabbitmq.rabbitmq_user:',
        '    user: nova',
        '    password: secret',
        '    vhost: /nova',
        `    node: '${node}'`,
      ].join('\n'),
    });
    const runs = compileCheck(r.files, compileInputs());
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ ok: true, outcome: 'ok' });
    const props = (id: string) => run.detail?.find((d) => d.id === id)?.properties;
    const broker = props('a2c_rabbitmq_policy[ha-all]')?.['rabbitmq_node'];
    expect(broker).toMatch(/^rabbit@[a-z0-9-]+$/);
    expect(props('a2c_rabbitmq_vhost[/nova]')).toMatchObject({ rabbitmq_node: broker });
    expect(props('a2c_rabbitmq_user[nova]')).toMatchObject({ rabbitmq_node: broker });
  });
});
