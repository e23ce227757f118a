// A property's `default` in mappings/modules.toml: the module's own value when the argument is absent,
// written out because the Chef property's default differs. Validated when the table loads.
import { describe, expect, it } from 'vitest';
import { MappingError, parseModuleTable } from '../../src/mapping/modules.js';

const table = (def: string) =>
  `[module."x.y.z"]\nresource = "mount"\n[module."x.y.z".params]\npassno = { property = "pass", default = ${def} }\n`;

describe('property default in the module table', () => {
  it("is read as the module's value", () => {
    expect(parseModuleTable(table('0'), 't.toml').modules.get('x.y.z')!.params.get('passno')).toEqual({
      kind: 'property',
      property: 'pass',
      default: 0,
    });
  });

  it('must be a plain value', () => {
    expect(() => parseModuleTable(table('[1]'), 't.toml')).toThrow(MappingError);
    expect(() => parseModuleTable(table('[1]'), 't.toml')).toThrow(/passno\.default: must be a string, number or boolean/);
  });
});
