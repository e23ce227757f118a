// `ansible_os_family == 'RedHat'` as Chef's own `platform_family?('amazon', 'fedora', 'rhel')` (and
// ansible_distribution as platform?): the Ohai values mappings/facts.toml maps to the compared value.
// Templates keep the fact lookup (Chef's template context has no platform helpers).
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../helpers/convert-helpers.js';

describe('platform checks', () => {
  it('compare the fact through the Ohai values the table maps to it', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: el',
        '  debug: msg=el',
        "  when: ansible_os_family == 'RedHat'",
        '- name: not debian',
        '  debug: msg=nd',
        "  when: ansible_facts['os_family'] != 'Debian'",
        '- name: unknown family',
        '  debug: msg=x',
        "  when: ansible_os_family == 'Plan9'",
        '- name: conf',
        '  template: { src: c.j2, dest: /etc/c }',
      ].join('\n'),
      'templates/c.j2': "{% if ansible_os_family == 'Debian' %}deb{% endif %}\n",
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("only_if { platform_family?('amazon', 'fedora', 'rhel') }");
    expect(body).toContain("not_if { platform_family?('debian') }");
    // No Ohai family maps to it: the lookup stays, and fails loudly on an unknown family.
    expect(body).toContain("A2C::Facts.lookup(node.read!('platform_family'), 'os_family') == 'Plan9'");
    expect(outputText(r, 'demo/templates/c.erb')).toContain("A2C::Facts.lookup(node.read!('platform_family'), 'os_family') == 'Debian'");
  });
});
