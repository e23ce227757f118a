import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '/work/lead/test/helpers/convert-helpers.js';
import { renderBoth } from '/work/lead/test/helpers/erb-differential.js';
const J = "{{ (d.k | default(s.g)) is defined }} {{ (d.k | default(s.g, true)) is defined }} {{ d.k | default(s.g) | default('z') }}\n";
const files = (t: string) => ({
  'site.yml': '- hosts: all\n  roles: [demo]\n',
  'roles/demo/defaults/main.yml': 'd:\n  x: 1\ns:\n  h: 1\n',
  'roles/demo/tasks/main.yml': '- template: src=t.j2 dest=/tmp/t\n',
  'roles/demo/templates/t.j2': t,
});
describe('x', () => { it('y', async () => {
  const erb = outputText(await convertProject(files(J)), 'demo/templates/t.erb');
  console.log(erb);
  const users = [{ name: 'a', opts: { g: 1 } }, { name: 'b' }, {name: 'c', alt: 2}];
  const { want, diffs } = renderBoth([{ template: J, vars: { d: {x: 1}, s: { h: 1 } }, erb, node: { demo: { d: {x: 1}, s: { h: 1 } } }, assigns: {} }]);
  console.log(JSON.stringify(want), JSON.stringify(diffs));
});});
