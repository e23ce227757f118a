// The unset-dict rule's probe scan runs only where a name set nowhere is read through a field (`x.f`)
// or set whole to a template's local (`{% set t = x %}`, whose `t.f` is a field of x once x is bound
// as a root): use-contracts.ts. These pin the shapes that gate must let through, and the prefix
// index itemFields finds a list's fields with (name-prefixes.ts).
import { describe, expect, it } from 'vitest';
import { NamePrefixes } from '../../src/resolve/name-prefixes.js';
import type { ConversionResult } from '../../src/convert.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const project = (template: string) => ({
  'site.yml': '- hosts: all\n  roles: [svc]\n',
  'roles/svc/defaults/main.yml': 'svc_user: exporter\n',
  'roles/svc/tasks/main.yml': '- template:\n    src: unit.j2\n    dest: /etc/unit\n',
  'roles/svc/templates/unit.j2': template,
});

describe('the unset-dict rule through a template local', () => {
  it('makes a dict root of a name read only by the fields of a local set to it', async () => {
    const r = await convertProject(project('{% set t = svc_tls %}\ncert={{ t.dest }}\nport={{ t.port | default(9216) }}\n'));
    expect(outputText(r, 'svc/templates/unit.erb')).toContain("<% t = node.read!('ansible', 'svc_tls') %>");
    const lib = outputText(r, 'svc/libraries/input_contracts.rb');
    expect(lib).toMatch(/'svc_tls' => \{\s+path: %w\(ansible svc_tls\),\s+kind: :dict,/);
    expect(lib).toMatch(/'dest' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/svc\/templates\/unit.j2:2',/);
    expect(lib).toMatch(/'port' => \{\s+type: :str_or_int,/);
  });

  it('makes none where the local is also read whole', async () => {
    const r = await convertProject(project('{% set t = svc_tls %}\ncert={{ t.dest }}\nall={{ t }}\n'));
    expect(outputText(r, 'svc/templates/unit.erb')).not.toContain("node.read!('ansible', 'svc_tls')");
    expect(contracts(r)).not.toContain("'svc_tls'");
  });

  it('makes none of a name read only whole, where no probe runs', async () => {
    const r = await convertProject(project('all={{ svc_tls }}\n'));
    expect(contracts(r)).not.toMatch(/'svc_tls' => \{\s+path: %w\(ansible svc_tls\),\s+kind: :dict/);
  });
});

/** The role's input contracts library, '' where none is written. */
function contracts(r: ConversionResult): string {
  return r.files.has('svc/libraries/input_contracts.rb') ? outputText(r, 'svc/libraries/input_contracts.rb') : '';
}

describe('NamePrefixes', () => {
  it('finds the names with a prefix, in the order first given, and no others', () => {
    const names = new NamePrefixes(['b.x', 'a', 'a.f', 'ab.g', 'a.\0*.h', 'a.e', 'a.f', 'a', 'c']);
    expect(names.startingWith('a.')).toEqual(['a.f', 'a.\0*.h', 'a.e']);
    expect(names.startingWith('ab.')).toEqual(['ab.g']);
    expect(names.startingWith('b.')).toEqual(['b.x']);
    expect(names.startingWith('z.')).toEqual([]);
    expect(names.startingWith('')).toEqual(['b.x', 'a', 'a.f', 'ab.g', 'a.\0*.h', 'a.e', 'c']);
  });
});
