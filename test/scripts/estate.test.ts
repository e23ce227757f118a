// The OSA estate converted as one input (`npm run corpus`, src/scripts/estate.ts): assembled at run
// time from the corpus in a temporary folder, measured as one entry, and removed afterwards; the
// roles the plugins' playbooks run are found in it (no missing-role TODO for them).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureCorpus } from '../../src/scripts/corpus.js';
import { assembleEstate } from '../../src/scripts/estate.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS } from '../helpers/shared.js';
import { convert } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';

const available = requireOrSkip('the shared corpus', existsSync(CORPUS));

describe.skipIf(!available)('the OSA estate as one input', () => {
  it('is assembled in a temporary folder, measured as one entry and removed', async () => {
    const estate = assembleEstate(CORPUS)!;
    expect(estate).toBeDefined();
    try {
      const osa = join(estate.dir, 'osa');
      for (const p of ['roles/os_keystone/tasks/main.yml', 'roles/pki/tasks/main.yml', 'playbooks/keystone.yml', 'inventory/inventory.ini'])
        expect(existsSync(join(osa, p)), p).toBe(true);
      const f = await measureCorpus(estate.dir);
      expect(f.crashes).toBe(0);
      expect(f.rows.map((r) => r.entry)).toEqual(['osa']);
      expect(f.total.converted + f.total.todo + f.total.ignored).toBe(f.total.tasks);
      const input = readInput(osa);
      const r = await convert(input.tree, { ...inputOptions(input), groups: 'static' });
      const missing = r.diagnostics.filter((d) => d.code === 'A2C-MISSING-ROLE').map((d) => d.message);
      for (const role of ['os_keystone', 'os_cinder', 'os_glance', 'rabbitmq_server', 'galera_server', 'pki'])
        expect(
          missing.filter((m) => m.startsWith(`role ${role} `)),
          role,
        ).toEqual([]);
    } finally {
      estate.remove();
    }
    expect(existsSync(estate.dir)).toBe(false);
  });

  it('is not assembled from a folder that lacks its parts', () => {
    expect(assembleEstate(join(CORPUS, 'no-such-folder'))).toBeUndefined();
  });
});
