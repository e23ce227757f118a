// Every name a shipped mapping table gives to code resolves: module translators, value transforms
// and filter plugins in the translate stage's registries; filter, lookup and fact helpers as public
// module methods of the support cookbook's Ruby (read with Prism, so a method of a nested class or a
// private one does not count).
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinTables } from '../../src/mapping/tables.js';
import { checkFilterNames, checkModuleNames } from '../../src/mapping/names.js';
import { CODE_NAMES } from '../../src/translate/code-names.js';
import { TRANSLATORS } from '../../src/translate/modules/index.js';
import { TRANSFORMS } from '../../src/translate/modules/transforms.js';
import { FILTER_PLUGINS } from '../../src/jinja-to-ruby/filter-plugins.js';
import { moduleMethods } from '../../src/print/support-methods.js';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';

const t = builtinTables();
const specs = [...t.modules.modules.values()].filter((s) => !s.plugin);
const translators = specs.flatMap((s) => (s.translator ? [[s.fqcn, s.translator] as const] : []));
const transforms = specs.flatMap((s) =>
  [...s.params].flatMap(([p, ps]) => (ps.kind === 'property' && ps.transform ? [[`${s.fqcn}.${p}`, ps.transform] as const] : [])),
);
const filterPlugins = Object.entries(t.filters.entries).flatMap(([n, e]) => (e.plugin ? [[n, e.plugin] as const] : []));

describe('table names resolve in the TypeScript registries', () => {
  it.each(translators)('%s: translator %s', (_m, name) => expect(TRANSLATORS.has(name)).toBe(true));
  it.each(transforms)('%s: transform %s', (_p, name) => expect(TRANSFORMS.has(name)).toBe(true));
  it.each(filterPlugins)('filter %s: plugin %s', (_f, name) => expect(name in FILTER_PLUGINS).toBe(true));

  it('the load-time checks accept the shipped tables', () => {
    expect(() => checkModuleNames(t.modules, CODE_NAMES)).not.toThrow();
    expect(() => checkFilterNames(t.filters.entries, 'mappings/filters.toml', CODE_NAMES)).not.toThrow();
  });

  it('every registered translator, transform and filter plugin is named by a table (no dead code)', () => {
    expect([...TRANSLATORS.keys()].filter((k) => !translators.some(([, n]) => n === k))).toEqual([]);
    expect([...TRANSFORMS.keys()].filter((k) => !transforms.some(([, n]) => n === k))).toEqual([]);
    expect(Object.keys(FILTER_PLUGINS).filter((k) => !filterPlugins.some(([, n]) => n === k))).toEqual([]);
  });

  it('a module table naming an unknown translator or transform fails with the file and key', () => {
    const bad = {
      ...t.modules,
      modules: new Map([['x.y.z', { fqcn: 'x.y.z', short: [], translator: 'nope', params: new Map(), file: 'user/modules.toml' }]]),
    };
    expect(() => checkModuleNames(bad, CODE_NAMES)).toThrow('user/modules.toml: module."x.y.z".translator: no translator named "nope"');
    const badT = {
      ...t.modules,
      modules: new Map([
        [
          'x.y.z',
          {
            fqcn: 'x.y.z',
            short: [],
            resource: 'file',
            params: new Map([['mode', { kind: 'property' as const, property: 'mode', transform: 'octal' }]]),
            file: 'user/modules.toml',
          },
        ],
      ]),
    };
    expect(() => checkModuleNames(badT, CODE_NAMES)).toThrow(
      'user/modules.toml: module."x.y.z".params.mode.transform: no transform named "octal"',
    );
    expect(() => checkFilterNames({ foo: { plugin: 'nope' } }, 'user/filters.toml', CODE_NAMES)).toThrow(
      'user/filters.toml: foo.plugin: no filter plugin named "nope"',
    );
  });
});

describe('table names resolve in the support cookbook', () => {
  let methods: Map<string, Set<string>>;
  beforeAll(async () => {
    methods = await moduleMethods(supportCookbookFiles().filter((f) => f.path.endsWith('.rb')));
  });
  const defined = (mod: string, name: string) => methods.get(mod)?.has(name) ?? false;

  const filterHelpers = Object.entries(t.filters.entries).flatMap(([n, e]) => (e.ruby ? [[n, e.ruby] as const] : []));
  it.each(filterHelpers)('filter %s: A2C::Jinja.%s', (_f, ruby) => expect(defined('A2C::Jinja', ruby)).toBe(true));

  const lookupHelpers = Object.entries(t.lookups.entries).flatMap(([n, e]) => (e.ruby ? [[n, e.ruby] as const] : []));
  it.each(lookupHelpers)('lookup %s: A2C::Lookup.%s', (_l, ruby) => expect(defined('A2C::Lookup', ruby)).toBe(true));

  // A fact reads its Ohai value, then converts it with A2C::Jinja.fact_<convert> (facts.ts factRuby; some
  // converts are written as that helper's body instead, PLAIN_CONVERTS, and the helper stays defined),
  // looks it up with A2C::Facts.lookup, or computes it with A2C::Facts.<compute>.
  const factHelpers = Object.entries(t.facts).flatMap(([n, e]) => [
    ...(e.compute ? [[n, 'A2C::Facts', e.compute] as const] : []),
    ...(e.convert === 'lookup'
      ? [[n, 'A2C::Facts', 'lookup'] as const]
      : e.convert
        ? [[n, 'A2C::Jinja', `fact_${e.convert}`] as const]
        : []),
  ]);
  it.each(factHelpers)('fact %s: %s.%s', (_f, mod, name) => expect(defined(mod, name)).toBe(true));

  it('the reader finds def self.x, module_function and class << self methods, and skips nested classes and private ones', async () => {
    const src = [
      'module A2C',
      '  module Demo',
      '    def self.a; end',
      '    class << self',
      '      def b; end',
      '      private',
      '      def hidden_b; end',
      '    end',
      '    class Inner',
      '      def self.inner; end',
      '      def not_module; end',
      '    end',
      '    module_function',
      '    def c; end',
      '    private',
      '    def d; end',
      '  end',
      'end',
    ].join('\n');
    const m = await moduleMethods([{ path: 'demo.rb', content: src }]);
    expect([...(m.get('A2C::Demo') ?? [])].sort()).toEqual(['a', 'b', 'c']);
  });
});
