// Differential test: every YAML file of the corpus read by our loader and by real PyYAML (as
// Ansible configures it) must give the same documents, types and key order included.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { VaultValue, parseYaml, toPlain, type YNode } from '../../src/load/ansible/yaml.js';
import { hasPythonModule, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS } from '../helpers/shared.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = [CORPUS].find((p) => existsSync(p));
const dumpScript = join(here, 'tools/pyyaml-dump.py');

/** YAML files: *.yml / *.yaml (also the *.yml.example-style samples), and extension-less vars files. */
function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      out.push(...yamlFiles(path));
    } else if (/\.ya?ml(\.[a-z-]+)?$/.test(name) || (/(^|\/)(group|host)_vars$/.test(dir) && !name.includes('.'))) {
      out.push(path);
    }
  }
  return out;
}

/** The canonical form the Python helper prints, built from our tree. */
function canonical(node: YNode | null): unknown {
  if (node === null) return null;
  if (node.kind === 'seq') return node.items.map(canonical);
  if (node.kind === 'map') return { __map__: node.entries.map((e) => [canonical(e.key), canonical(e.value)]) };
  const v = node.value;
  if (v instanceof VaultValue) return { __vault__: v.ciphertext };
  switch (node.type) {
    case 'float': {
      const n = v as number;
      return { __float__: Number.isNaN(n) ? 'nan' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : n };
    }
    case 'timestamp':
      return { __ts__: v };
    default:
      return node.unsafe ? { __unsafe__: v } : v;
  }
}

/** Python's canonical form turned into what toPlain promises (string keys, plain scalars). */
function pythonToPlain(c: unknown): unknown {
  if (Array.isArray(c)) return c.map(pythonToPlain);
  if (c === null || typeof c !== 'object') return c;
  const o = c as Record<string, unknown>;
  if ('__map__' in o) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of o['__map__'] as Array<[unknown, unknown]>) {
      const key = pythonToPlain(k);
      out[key instanceof VaultValue ? key.ciphertext : String(key)] = pythonToPlain(v);
    }
    return out;
  }
  if ('__float__' in o) {
    const f = o['__float__'];
    return f === 'nan' ? NaN : f === 'inf' ? Infinity : f === '-inf' ? -Infinity : f;
  }
  if ('__vault__' in o) return new VaultValue(o['__vault__'] as string);
  return o['__ts__'] ?? o['__unsafe__'];
}

type PyResult = { docs: unknown[] } | { error: string };

const available = requireOrSkip('python3-yaml (/usr/bin/python3)', hasPythonModule('yaml'));
const haveCorpus = requireOrSkip('shared/corpus', corpus !== undefined);

describe.skipIf(!available || !haveCorpus)('YAML loader agrees with PyYAML on the corpus', () => {
  it('reads every corpus YAML file exactly as PyYAML does', () => {
    const files = yamlFiles(corpus as string);
    const run = spawnSync('/usr/bin/python3', [dumpScript], {
      input: JSON.stringify(files),
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const python = JSON.parse(run.stdout) as Record<string, PyResult>;

    const mismatches: string[] = [];
    let compared = 0;
    let documents = 0;
    // Jinja-templated samples (`*.yml.aio`) are not YAML: both sides must reject them.
    let bothReject = 0;
    for (const path of files) {
      const name = relative(corpus as string, path);
      const sink = new DiagnosticSink();
      const docs = parseYaml(readFileSync(path, 'utf8'), name, sink);
      const py = python[path];
      if (py === undefined) throw new Error(`no PyYAML result for ${name}`);
      if ('error' in py) {
        if (sink.errorCount === 0) mismatches.push(`${name}: PyYAML fails (${py.error}) but we read it`);
        else bothReject++;
        continue;
      }
      const errors = sink.items.filter((d) => d.severity === 'error');
      if (errors.length) {
        mismatches.push(`${name}: we report ${errors.map((d) => d.message).join('; ')}`);
        continue;
      }
      compared++;
      documents += docs.length;
      const ours = docs.map((d) => canonical(d.root));
      if (JSON.stringify(ours) !== JSON.stringify(py.docs)) {
        mismatches.push(`${name}: typed documents differ`);
        continue;
      }
      // The plain view must agree too (string keys, Python values as JS values).
      const plainOurs = docs.map((d) => toPlain(d.root));
      const plainPy = py.docs.map(pythonToPlain);
      try {
        expect(plainOurs).toEqual(plainPy);
      } catch {
        mismatches.push(`${name}: toPlain differs`);
      }
    }
    console.log(
      `YAML differential: ${files.length} corpus files, ${compared} read identically (${documents} documents), ` +
        `${bothReject} rejected by both`,
    );
    expect(mismatches).toEqual([]);
    expect(compared + bothReject).toBe(files.length);
    expect(files.length).toBeGreaterThan(400);
  });
});

/** Plain scalars built from the characters YAML 1.1 resolution cares about. */
const TRICKY = [
  'y',
  'n',
  'Y',
  'N',
  'yes',
  'No',
  'ON',
  'off',
  'True',
  'tRUE',
  '~',
  'null',
  'Null',
  'nULL',
  '0644',
  '08',
  '09',
  '0o17',
  '0x1F',
  '0x_1f',
  '0b101',
  '0b',
  '1_000',
  '1:20',
  '1:20:30',
  '12:60',
  '1:20.5',
  '190:20:30.15',
  '1.',
  '.5',
  '-.5',
  '1.0e5',
  '1.0e+5',
  '1e5',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  '2001-12-14',
  '2001-1-2',
  '2001-12-14t21:59:43.10-05:00',
  '2001-12-14 21:59:43.10 -5',
  '2001-12-14 21:59:43Z',
  '2002-12-14T01:02:03.1234567',
  '<<x',
  '=x',
  '+0',
  '-0',
  '0',
  '00',
  '0_',
  '+12',
  '-0x1f',
  '1__2',
  '_1',
  '1_',
  '3.14_15',
  '0.',
  '-1:00',
  '12345678901234567890',
];

describe.skipIf(!available)('YAML scalar resolution agrees with PyYAML', () => {
  it('resolves tricky and random plain scalars exactly as PyYAML does', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const fc = await import('fast-check');
    const random = fc.sample(fc.stringMatching(/^[0-9][0-9a-fA-FxXbBoOeE.:_+\-ZTt ]{0,14}[0-9a-zA-Z]$/), { numRuns: 400, seed: 20240601 });
    const scalars = [...TRICKY, ...random.filter((s) => !/ [#:]|: | $|\t/.test(s))];
    const dir = mkdtempSync(join(tmpdir(), 'a2c-yaml-'));
    const files = scalars.map((s, i) => {
      const path = join(dir, `s${i}.yml`);
      writeFileSync(path, `v: ${s}\n`);
      return path;
    });
    const run = spawnSync('/usr/bin/python3', [dumpScript], { input: JSON.stringify(files), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const python = JSON.parse(run.stdout) as Record<string, PyResult>;
    const differ: string[] = [];
    const types = new Set<string>();
    files.forEach((path, i) => {
      const sink = new DiagnosticSink();
      const docs = parseYaml(`v: ${scalars[i]}\n`, 'x.yml', sink);
      const value = docs[0]?.root?.kind === 'map' ? docs[0].root.entries[0]?.value : undefined;
      if (value?.kind === 'scalar') types.add(value.type);
      const ours = docs.map((d) => canonical(d.root));
      const py = python[path];
      if (!py) throw new Error(`no PyYAML result for ${path}`);
      const same = 'error' in py ? sink.errorCount > 0 : JSON.stringify(ours) === JSON.stringify(py.docs);
      if (!same) differ.push(`${JSON.stringify(scalars[i])}: ours ${JSON.stringify(ours)} PyYAML ${JSON.stringify(py)}`);
    });
    expect(differ).toEqual([]);
    expect(scalars.length).toBeGreaterThan(300);
    expect([...types].sort()).toEqual(['bool', 'float', 'int', 'null', 'str', 'timestamp']);
  });
});
