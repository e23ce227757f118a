// convert's release points (ConvertOptions.collectGarbage): called at each, never changing the output,
// and the CLI's collection runs in a process started without --expose-gc.
import { describe, expect, it } from 'vitest';
import { COLLECT_ABOVE_BYTES, collectGarbage, collectGarbageAbove } from '../../src/cli/heap.js';
import { convertProject } from '../helpers/convert-helpers.js';

const project = {
  'site.yml': '- hosts: all\n  roles: [web]\n',
  'roles/web/defaults/main.yml': 'web_port: 80\nweb_sites:\n  - name: a\n    url: "http://{{ inventory_hostname }}:{{ web_port }}/"\n',
  'roles/web/tasks/main.yml': '- name: Write\n  ansible.builtin.copy:\n    content: "{{ web_sites[0].url }}"\n    dest: /etc/site\n',
};

describe('collectGarbage', () => {
  it('is called after loading, after the symbol table, before the roles are translated, after the project is released and after the files are checked, and changes no output', async () => {
    let calls = 0;
    const plain = await convertProject(project);
    const collected = await convertProject(project, { collectGarbage: () => calls++ });
    expect(calls).toBe(5);
    expect([...collected.files]).toEqual([...plain.files]);
    expect(collected.diagnostics).toEqual(plain.diagnostics);
  });

  it('collects in a process without --expose-gc', async () => {
    expect(process.execArgv).not.toContain('--expose-gc');
    const held = new WeakRef({ big: new Array(1000).fill(0) });
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((done) => setTimeout(done, 0));
    collectGarbage();
    collectGarbage();
    expect(held.deref()).toBeUndefined();
  });

  it('skips the collection of a heap below the bound (a small convert) and collects one above it', async () => {
    const held = new WeakRef({ big: new Array(1000).fill(0) });
    await new Promise((done) => setTimeout(done, 0));
    expect(collectGarbageAbove(Number.POSITIVE_INFINITY)).toBe(false);
    expect(collectGarbageAbove(0)).toBe(true);
    expect(held.deref()).toBeUndefined();
    // A 1 MB vars file holds more than this at every release point: large inputs are still collected.
    expect(COLLECT_ABOVE_BYTES).toBeLessThanOrEqual(40 * 1024 * 1024);
  });
});
