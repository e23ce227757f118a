// The large-defaults case of the benchmark: one role whose defaults/main.yml holds many small dicts
// and some templated strings (the shape of a real estate's group_vars), grown to a target size, and a
// one-task playbook that applies it. Deterministic: the same size always gives byte-identical files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One entry of the defaults file; every fourth holds Jinja, every seventh a list. */
function entry(i) {
  const k = `site_${String(i).padStart(6, '0')}`;
  const lines = [`${k}:`, `  name: ${k}`, `  port: ${1024 + (i % 50000)}`, `  enabled: ${i % 3 === 0 ? 'no' : 'yes'}`, `  mode: '0644'`];
  if (i % 4 === 0) lines.push(`  url: "http://{{ inventory_hostname }}:{{ ${k}.port | default(80) }}/${i}"`);
  if (i % 4 === 1) lines.push(`  label: "{{ '${k}' | upper }} on {{ ansible_facts['hostname'] | default('localhost') }}"`);
  if (i % 7 === 0) lines.push('  tags:', `    - t${i % 11}`, `    - group-${i % 13}`);
  else lines.push(`  weight: ${(i % 97) / 10}`);
  return lines.join('\n') + '\n';
}

/**
 * The files of the case as a map of relative path -> content, the defaults file at least `bytes` long.
 * @param {number} bytes
 */
export function largeDefaultsFiles(bytes) {
  const parts = ['---\n'];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const e = entry(i);
    parts.push(e);
    size += e.length;
  }
  const files = new Map();
  files.set('roles/bigvars/defaults/main.yml', parts.join(''));
  files.set(
    'roles/bigvars/tasks/main.yml',
    `---\n- name: Write the site list\n  ansible.builtin.copy:\n    content: "{{ site_000000.name }}\\n"\n    dest: /etc/sites\n    mode: "0644"\n`,
  );
  files.set('site.yml', '---\n- name: Large defaults\n  hosts: all\n  roles:\n    - bigvars\n');
  files.set('inventory/hosts.yml', 'all:\n  hosts:\n    web-1:\n');
  files.set('ansible.cfg', '[defaults]\ninventory = inventory\nroles_path = roles\n');
  return files;
}

/**
 * Writes the case under dir and returns the defaults file's size in bytes.
 * @param {string} dir
 * @param {number} bytes
 */
export function writeLargeDefaults(dir, bytes) {
  const files = largeDefaultsFiles(bytes);
  for (const [p, c] of files) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, c);
  }
  return Buffer.byteLength(files.get('roles/bigvars/defaults/main.yml'));
}
