// `native_params` in mappings/modules.toml: the arguments a translator's native resource can express
// (uri: http_request); a task with any other takes the translator's fallback. Validated when the
// table loads, so a name that is no param of the module fails there, naming the file and the key.
import { describe, expect, it } from 'vitest';
import { MappingError, parseModuleTable } from '../../src/mapping/modules.js';

const table = (extra: string, translator = 'translator = "uri"\n') =>
  `[module."x.y.z"]\n${translator}${extra}[module."x.y.z".params]\nurl = { property = "url" }\ntimeout = { property = "timeout" }\n`;

describe('native_params in the module table', () => {
  it('is read as a set of the named params', () => {
    const spec = parseModuleTable(table('native_params = ["url"]\n'), 't.toml').modules.get('x.y.z')!;
    expect([...spec.native_params!]).toEqual(['url']);
  });

  it('names only params of the module', () => {
    expect(() => parseModuleTable(table('native_params = ["url", "nope"]\n'), 't.toml')).toThrow(MappingError);
    expect(() => parseModuleTable(table('native_params = ["nope"]\n'), 't.toml')).toThrow(
      /module\."x\.y\.z"\.native_params: 'nope' is not one of the module's params/,
    );
  });

  it('belongs to a module with a translator', () => {
    expect(() => parseModuleTable(table('native_params = ["url"]\n', 'resource = "http_request"\n'), 't.toml')).toThrow(
      /native_params: needs a 'translator'/,
    );
  });
});
