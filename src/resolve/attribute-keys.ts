// The attribute key of each variable a cookbook owns. Under node['cinder'], `cinder_packages`
// repeats what the path already says: a Chef engineer writes node['cinder']['packages'], as the
// community and OpenStack cookbooks do. The variable's own name stays wherever stripping would
// make two variables one key, or leave a key that is no plain name.

/** `short`: the role's prefix stripped where that is safe; `ansible`: the variable's own name. */
export type AttributeKeys = 'short' | 'ansible';

export interface OwnKey {
  key: string;
  /** Why the variable keeps its own name although a prefix matches (for the report). */
  kept?: string;
}

/** What remains after a prefix must read as a name on its own: a letter first, then letters, digits, `_`. */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The prefixes stripped from the variables of one cookbook, longest first. The cookbook's name and
 * each owning role's name are always prefixes (`cinder_` in role cinder). Role names often carry a
 * family word besides the product (`os_cinder`, `galera_server`, `openstack-cinder`) while the
 * variables carry only the product (`cinder_*`, `galera_*`): a run of the name's `_`-separated
 * words is a prefix too when most (more than half) of the cookbook's variables start with it, so
 * the role's own convention decides and a word shared by a few variables by chance does not.
 */
export function ownPrefixes(names: string[], variables: string[]): string[] {
  const always = new Set(names.filter((n) => n !== '').map((n) => `${n}_`));
  const runs = new Set<string>();
  for (const n of names) {
    const words = n.split('_').filter((w) => w !== '');
    for (let i = 0; i < words.length; i++)
      for (let j = i + 1; j <= words.length; j++) if (j - i < words.length) runs.add(`${words.slice(i, j).join('_')}_`);
  }
  const common = [...runs].filter((p) => !always.has(p) && variables.filter((v) => v.startsWith(p)).length * 2 > variables.length);
  return [...always, ...common].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The key of each of one cookbook's variables. `names`: the cookbook's name and its roles' names,
 * as cookbook names (lower case, `_`). A key that two variables would share is nobody's: each of
 * them keeps its own name (which no other variable of the cookbook has), so the result does not
 * depend on the order the variables come in.
 */
export function ownKeys(names: string[], variables: string[], mode: AttributeKeys): Map<string, OwnKey> {
  const out = new Map<string, OwnKey>();
  if (mode === 'ansible') {
    for (const v of variables) out.set(v, { key: v });
    return out;
  }
  const prefixes = ownPrefixes(names, variables);
  const wanted = new Map<string, string>();
  const kept = new Map<string, string>();
  for (const v of variables) {
    const matching = prefixes.filter((p) => v.startsWith(p));
    const key = matching.map((p) => v.slice(p.length)).find((k) => PLAIN_KEY.test(k));
    if (key !== undefined) wanted.set(v, key);
    else if (matching.length) {
      const rest = v.slice(matching[0]!.length);
      kept.set(v, rest === '' ? `nothing follows '${matching[0]}'` : `'${rest}' is not a plain attribute name`);
    }
  }
  const own = new Set(variables);
  const claims = new Map<string, string[]>();
  for (const [v, k] of wanted) claims.set(k, [...(claims.get(k) ?? []), v]);
  for (const v of variables) {
    const k = wanted.get(v);
    if (k === undefined) {
      out.set(v, { key: v, ...(kept.has(v) ? { kept: kept.get(v)! } : {}) });
      continue;
    }
    const others = (claims.get(k) ?? []).filter((o) => o !== v);
    if (own.has(k)) out.set(v, { key: v, kept: `'${k}' is also a variable of this cookbook` });
    else if (others.length) out.set(v, { key: v, kept: `${others.map((o) => `'${o}'`).join(', ')} would also become '${k}'` });
    else out.set(v, { key: k });
  }
  return out;
}
