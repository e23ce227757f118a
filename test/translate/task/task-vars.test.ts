// Task vars handed to a template (template-vars.ts) follow the same rules as vars read in a task:
// siblings are seen, and a name a set_fact also sets is a TODO (the fact outranks the task var once
// set). The Ansible side of these rules is checked in task-vars-ansible.test.ts.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, recipeBody } from '../../helpers/convert-helpers.js';

const loud = (r: Awaited<ReturnType<typeof convertProject>>) => r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);

describe('task vars passed to a template', () => {
  it('a passed var reading a sibling gets the sibling value', async () => {
    const r = await convertProject({
      'roles/t/tasks/main.yml': '- template: {src: u.j2, dest: /tmp/u}\n  vars: {ok: "{{ other }}!", other: sib}\n',
      'roles/t/templates/u.j2': '{{ ok }}\n',
    });
    expect(loud(r)).toEqual([]);
    expect(recipeBody(r, 't')).toContain(`variables({ ok: 'sib!' })`);
  });

  it('a passed var a set_fact also sets is a TODO', async () => {
    const r = await convertProject({
      'roles/t/tasks/main.yml': '- set_fact: {sf: fact}\n- template: {src: t.j2, dest: /tmp/t}\n  vars: {sf: taskvar}\n',
      'roles/t/templates/t.j2': '{{ sf }}\n',
    });
    expect(loud(r)).toEqual([
      "roles/t/tasks/main.yml:3:14: warning A2C-TODO-JINJA template variable 'sf' is a task or block var here and also set by the set_fact at roles/t/tasks/main.yml:1:3, which outranks it in Ansible once set: which value holds at this read is not converted",
    ]);
    expect(recipeBody(r, 't')).not.toMatch(/^template /m);
  });
});
