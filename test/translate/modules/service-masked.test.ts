// service / systemd `masked:`. The systemd module masks or unmasks first, then enables, then sets the
// state, whatever order the arguments are written in; Chef's :enable skips a masked unit
// (provider/service/systemd.rb enableable?), so the :unmask must come first too. The service module
// hands masked to the systemd module on systemd hosts. Checked against the real modules, run with a
// stand-in systemctl that reports the unit's file state (named after the unit) and logs its calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { systemctlCalls } from '../../helpers/fake-systemctl.js';

/** The converted resource's actions, read from the printed `action` line. */
async function convertedActions(task: string): Promise<string[]> {
  const r = await convertRole({ 'tasks/main.yml': `- ${task}\n` });
  expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
  const line = recipeBody(r, 'demo')
    .split('\n')
    .find((l) => l.trim().startsWith('action '))!;
  return [...line.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

const TASKS = [
  'ansible.builtin.systemd: name=a_masked enabled=yes state=started masked=no',
  'ansible.builtin.service: name=b_masked enabled=yes masked=no use=systemd',
  'ansible.builtin.systemd_service: name=c_enabled state=stopped masked=yes',
  'ansible.builtin.service: name=d_masked masked=false state=started enabled=true use=systemd',
];

describe('masked', () => {
  it('comes before enabled and state, in any argument order', async () => {
    expect(await convertedActions(TASKS[0]!)).toEqual(['unmask', 'enable', 'start']);
    expect(await convertedActions(TASKS[2]!)).toEqual(['mask', 'stop']);
  });

  it('converts on the service module too (was a TODO: not in the mapping table)', async () => {
    expect(await convertedActions(TASKS[1]!)).toEqual(['unmask', 'enable']);
    const r = await convertRole({ 'tasks/main.yml': '- service:\n    name: x\n    masked: "{{ m }}"\n', 'defaults/main.yml': 'm: true\n' });
    // A boolean default: Ruby's truthiness of true/false picks the same row (dynamic-action.ts).
    expect(recipeBody(r, 'demo')).toContain("  action node['demo']['m'] ? :mask : :unmask\n");
  });
});

const haveAnsible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
describe.skipIf(!haveAnsible)('the same systemctl verbs, in the same order, as the real modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-masked-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('for each task (units stopped; masked or enabled as named)', async () => {
    const calls = systemctlCalls(
      dir,
      [
        '  show) printf "Id=%s.service\\nNames=%s.service\\nActiveState=inactive\\nLoadState=loaded\\nUnitFileState=%s\\n" "$2" "$2" "${2#*_}";;',
        '  is-enabled) [ "${2#*_}" = enabled ] && exit 0; echo "${2#*_}"; exit 1;;',
      ],
      TASKS,
    );
    const verbs = new Map<string, string[]>();
    for (const [verb, unit] of calls) {
      if (!['mask', 'unmask', 'enable', 'disable', 'start', 'stop'].includes(verb!)) continue;
      verbs.set(unit!, [...(verbs.get(unit!) ?? []), verb!]);
    }
    for (const task of TASKS) {
      const unit = /name=(\w+)/.exec(task)![1]!;
      const masked = unit.endsWith('_masked');
      // Chef's actions on a stopped unit: :mask/:unmask act when the state differs, :enable when not
      // enabled (a unit just unmasked is not), :start when not running, :stop when running.
      const chef = (await convertedActions(task)).filter((a) =>
        a === 'unmask' ? masked : a === 'mask' ? !masked : a === 'enable' ? true : a === 'start',
      );
      expect({ unit, verbs: chef }).toEqual({ unit, verbs: verbs.get(unit) ?? [] });
    }
  });
});
