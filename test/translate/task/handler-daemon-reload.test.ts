// A handler (looped or not) whose systemd/service call has daemon_reload: the execute that runs
// `systemctl daemon-reload` is renamed after the handler, so its command must be written out:
// an execute without `command` runs its name. Likewise for a looped task.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';

const task = ['- name: Touch', '  command: /bin/true', '  notify: restart units', ''].join('\n');

describe('daemon_reload in handlers and loops keeps its command', () => {
  it('a looped handler: one execute per item, each running systemctl daemon-reload', async () => {
    const r = await convertRole({
      'tasks/main.yml': task,
      'handlers/main.yml': [
        '- name: restart units',
        '  systemd: name={{ item }} state=restarted daemon_reload=yes',
        '  loop: [a, b]',
        '',
      ].join('\n'),
    });
    const handlers = outputText(r, 'demo/recipes/handlers.rb');
    expect(handlers).toContain(
      ['  execute "restart units (1) #{item}" do', "    command 'systemctl daemon-reload'", '    action :nothing', '  end'].join('\n'),
    );
    expect(recipeBody(r, 'demo')).toContain(`%w(a b).each { |item| notifies :run, "execute[restart units (1) #{item}]", :delayed }`);
  });

  it('a single handler keeps the command too', async () => {
    const r = await convertRole({
      'tasks/main.yml': task,
      'handlers/main.yml': ['- name: restart units', '  ansible.builtin.service: name=x state=restarted daemon_reload=yes', ''].join('\n'),
    });
    expect(outputText(r, 'demo/recipes/handlers.rb')).toContain(
      ["execute 'restart units (1)' do", "  command 'systemctl daemon-reload'", '  action :nothing', 'end'].join('\n'),
    );
  });

  it('a looped task: the execute named by item still runs systemctl daemon-reload', async () => {
    const r = await convertRole({
      'tasks/main.yml': ['- systemd: name={{ item }} state=started daemon_reload=yes', '  loop: [a, b]', ''].join('\n'),
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("  command 'systemctl daemon-reload'");
    // Not an execute that would run its name: one with no block, or a block without a command.
    expect(body).not.toMatch(/execute "systemctl daemon-reload #\{item\}"$/m);
    expect(body).toMatch(/execute "systemctl daemon-reload #\{item\}" do\n {4}command 'systemctl daemon-reload'\n/);
  });
});
