// `when: r is changed` becomes a subscription to the resource that registered r. Where tasks of
// several task files register r (the alternatives a templated include chooses per package manager,
// OpenStack's rabbitmq install_apt/install_dnf/install_yum), the translation used to subscribe to the
// one registered last in translation order: on a node where another file's task ran, Chef silently
// skipped the notified resource (a subscription to an undeclared resource does nothing). Which of
// them registered r last is not followed, so the reader is a TODO saying why.
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';

const READER = ['- name: reload', '  command: systemctl daemon-reload', '  when: pkgs is changed', ''].join('\n');

describe("'r is changed' of a result registered in several task files", () => {
  it('is a TODO naming the files, not a subscription to one of them', async () => {
    const r = await convertRole({
      'tasks/main.yml': `- include_tasks: "install_{{ ansible_facts['pkg_mgr'] }}.yml"\n${READER}`,
      'tasks/install_apt.yml': '- apt: {name: rabbitmq-server}\n  register: pkgs\n',
      'tasks/install_dnf.yml': '- dnf: {name: rabbitmq-server}\n  register: pkgs\n',
    });
    const reader = r.tasks.find((t) => t.span.file === 'tasks/main.yml' && t.span.line === 2)!;
    expect([reader.outcome, reader.code]).toEqual(['todo', 'A2C-TODO-REGISTER']);
    expect(reader.reason).toContain('registered by tasks of several task files (tasks/install_apt.yml, tasks/install_dnf.yml)');
    expect(recipeBody(r, 'demo')).not.toMatch(/subscribes :run, 'dnf_package/);
  });

  it("a registering task earlier in the reader's own file is the one read, whatever other files register", async () => {
    const r = await convertRole({
      'tasks/main.yml': `- import_tasks: pre.yml\n- apt: {name: rabbitmq-server}\n  register: pkgs\n${READER}`,
      'tasks/pre.yml': '- apt: {name: erlang}\n  register: pkgs\n',
    });
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
    expect(recipeBody(r, 'demo')).toContain("subscribes :run, 'apt_package[rabbitmq-server]', :immediately");
    expect(recipeBody(r, 'demo')).not.toContain("subscribes :run, 'apt_package[erlang]'");
  });

  it('one file registering it still subscribes', async () => {
    const r = await convertRole({
      'tasks/main.yml': `- apt: {name: rabbitmq-server}\n  register: pkgs\n${READER}`,
    });
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
    expect(recipeBody(r, 'demo')).toContain("subscribes :run, 'apt_package[rabbitmq-server]', :immediately");
  });
});
