// apt's `name=version` package specs. The module splits each name at its first `=` or `>=`
// (package_split) and installs that version; Chef's apt_package would look the whole text up as a
// package name (`apt-cache policy pkg=1.2` answers nothing, so the run fails). An exact version
// becomes apt_package's version property, paired with the names (nil where a name is unpinned).
import type { Result } from '../../base/failure.js';
import { Untranslatable } from '../../base/failure.js';
import { str, type RExpr } from '../../ir/ruby-ast.js';
import { staticBool } from '../values.js';
import type { Mapped } from './params.js';
import type { ModuleCall } from './types.js';

export interface AptSpec {
  name: string;
  /** The comparison package_split found: `=` (fnmatch pattern of the version) or `>=`. */
  cmp?: '=' | '>=';
  version?: string;
}

/** The apt module's package_split: split once at the first `=` or `>=`. */
export function aptPackageSplit(spec: string): AptSpec {
  const m = />?=/.exec(spec);
  if (!m) return { name: spec };
  return { name: spec.slice(0, m.index), cmp: m[0] as '=' | '>=', version: spec.slice(m.index + m[0].length) };
}

/** apt's allow_downgrade and its aliases (ansible-core 2.14). */
export const DOWNGRADE_ARGS = ['allow_downgrade', 'allow-downgrade', 'allow_downgrades', 'allow-downgrades'];

// fnmatch's pattern characters: the module matches the installed and candidate versions against a
// pinned version with fnmatch, and expands names holding any of these (plus `!`) over the cache.
const VERSION_PATTERN = /[*?[]/;
const NAME_PATTERN = /[*?[\]!]/;

/**
 * Rewrites a literal package name (the resource's identity) holding `name=version` specs into names and versions. Templated
 * names are left as they are: their pin is known only when the run renders them.
 */
export function aptPins(call: ModuleCall, m: Mapped): Result<void> {
  // allow_downgrade itself becomes apt-get's --allow-downgrades (aptOptions in packages.ts).
  const downgradeNode = call.arg(...DOWNGRADE_ARGS);
  const downgrade = downgradeNode ? staticBool(downgradeNode) : false;
  const value = m.identity?.name === 'package_name' ? m.identity.value : undefined;
  if (!value) return;
  const items = value.k === 'array' ? value.items : [value];
  if (!items.every((i): i is Extract<RExpr, { k: 'str' }> => i.k === 'str')) return;
  // The module strips each name and drops a lone '*' (every package, state latest only).
  const specs = items.map((i) => i.v.trim());
  if (!specs.some((s) => s.includes('='))) return;
  const span = call.arg('name', 'pkg', 'package')!.span;
  const todo = (why: string) => new Untranslatable('A2C-TODO-PARAM', why, span);
  const split = specs.map(aptPackageSplit);
  for (const [i, s] of split.entries()) {
    const spec = specs[i]!;
    if (spec.split('=').length > 2) return todo(`apt fails on the package spec ${JSON.stringify(spec)} (more than one '=')`);
    if (s.cmp === '>=')
      return todo(
        `apt package ${JSON.stringify(spec)}: a minimum version (the module installs the candidate unless the installed version is at least it), which apt_package cannot express`,
      );
    if (s.cmp && VERSION_PATTERN.test(s.version!))
      return todo(
        `apt package ${JSON.stringify(spec)}: a version pattern (the module installs the best candidate matching it), which apt_package's exact version cannot express`,
      );
    if (NAME_PATTERN.test(s.name))
      return todo(`apt package ${JSON.stringify(spec)}: a name pattern the module expands over the apt cache, with a pinned version`);
  }
  // Chef removes every package of the resource when any one has its given version installed; the
  // module removes each package whose installed version matches its own spec.
  const removes = m.actionExpr !== undefined || m.actions.some((a) => a === 'remove' || a === 'purge');
  if (removes && split.length > 1)
    return todo(
      'apt removal of several packages with pinned versions: Chef removes them all when one version matches, the module each one that matches',
    );
  const one = split.length === 1 && value.k !== 'array';
  const names = split.map((s) => str(s.name));
  const versions: RExpr[] = split.map((s) => (s.cmp ? str(s.version!) : { k: 'nil' }));
  // The resource is named after the names alone, as the package_name it identifies.
  m.name = one ? names[0]! : { k: 'array', items: names };
  m.identity = { name: 'package_name', value: m.name };
  m.properties.push({ name: 'version', value: one ? versions[0]! : { k: 'array', items: versions } });
  // Chef's apt provider passes --allow-downgrades whenever the resource has no allow_downgrade
  // property (apt_package has none: Chef::Provider::Package#allow_downgrade is then true), so a
  // newer installed version is downgraded to the pin, where the module without allow_downgrade
  // (apt-get -y without the flag) fails the run. With allow_downgrade true both downgrade.
  if (downgrade !== true && (m.actionExpr !== undefined || m.actions.some((a) => a === 'install' || a === 'upgrade')))
    call.env.project.sink.warning(
      'A2C-PIN-DOWNGRADE',
      "a pinned apt version without allow_downgrade: true: where a newer version is installed the module fails the run, Chef's apt_package (which always passes --allow-downgrades) downgrades to the pin",
      span,
    );
}
