// role_name / ansible_role_name in a role's template: the role whose task renders the template, as in
// the role's tasks (a role default of the same name does not hide the magic variable).
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

describe('role_name in a role template', () => {
  it('is the role name as a literal', async () => {
    const result = await convertRole(
      {
        'defaults/main.yml': 'role_name: not-the-role\n',
        'tasks/main.yml': '- template: { src: pin.j2, dest: /etc/apt/preferences.d/pin }\n',
        'templates/pin.j2': 'Explanation: pinned by role "{{ role_name }}" ({{ ansible_role_name }})\n',
      },
      'pinner',
    );
    expect(result.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code)).toEqual([]);
    expect(outputText(result, 'pinner/templates/pin.erb')).toBe('Explanation: pinned by role "pinner" (pinner)\n');
  });
});
