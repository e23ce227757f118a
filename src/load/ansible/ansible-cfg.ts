// ansible.cfg: the settings that change where roles and inventories are found.
import type { LoadContext } from './load-context.js';
import { join } from './input.js';

export interface AnsibleCfg {
  rolesPath: string[];
  inventory: string[];
}

export function readAnsibleCfg(ctx: LoadContext): AnsibleCfg {
  const cfg: AnsibleCfg = { rolesPath: [], inventory: [] };
  const text = ctx.text('ansible.cfg');
  if (text === undefined) return cfg;
  let section = '';
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) return;
    const sec = /^\[(.+)\]$/.exec(t);
    if (sec) {
      section = sec[1]!.trim();
      return;
    }
    const kv = /^([A-Za-z_]+)\s*[=:]\s*(.*)$/.exec(t);
    if (!kv || section !== 'defaults') return;
    const [, key, value] = kv;
    const paths = value!
      .split(/[:,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const rel = paths
      .filter((p) => {
        if (p.startsWith('/') || p.startsWith('~')) {
          ctx.sink.warning('A2C-PATH-ESCAPE', `ansible.cfg ${key} entry ${p} is outside the input; not read`, {
            file: 'ansible.cfg',
            line: i + 1,
            col: 1,
          });
          return false;
        }
        return true;
      })
      .map((p) => join(p));
    if (key === 'roles_path') cfg.rolesPath.push(...rel);
    if (key === 'inventory' || key === 'hostfile') cfg.inventory.push(...rel);
  });
  return cfg;
}
