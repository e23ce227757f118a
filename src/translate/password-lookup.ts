// lookup('password', path) -> a chef-vault item. Ansible reads the password file on the controller
// (creating it with a new random password the first time); the Chef node cannot see that file, and
// writing the secret as an attribute would publish it. The converted value reads a chef-vault item
// of its own at run time, listed in CONVERSION.md's vault table: store the controller file's
// password there. The same path is the same file, so it is the same item everywhere.
import type { Span } from '../base/diagnostics.js';
import { call, str, type RExpr } from '../ir/ruby-ast.js';
import { itemId, VAULT_BAG, type VaultRef } from './attributes.js';

// Options that only shape a new password; any other (encrypt, ident, seed, ...) changes what the
// lookup returns, and stays a TODO.
const SHAPE_OPTIONS = new Set(['chars', 'length']);

export function passwordSecret(vaults: VaultRef[]): (term: string, span: Span) => RExpr | undefined {
  return (term, span) => {
    const [path, ...options] = term.trim().split(/\s+/);
    // /dev/null: a new random password at every templating, which no stored secret reproduces.
    if (!path || path === '/dev/null' || /[{}'"=]/.test(path)) return undefined;
    if (options.some((o) => !SHAPE_OPTIONS.has(o.slice(0, o.indexOf('='))))) return undefined;
    const variable = `lookup('password', '${path}')`;
    let item = vaults.find((v) => v.variable === variable)?.item;
    if (item === undefined) {
      const taken = (i: string) => vaults.some((v) => v.item === i);
      item = itemId(`password--${path.replace(/^\/+/, '')}`);
      for (let i = 2; taken(item); i++) item = itemId(`password--${path.replace(/^\/+/, '')}-${i}`);
      vaults.push({ variable, bag: VAULT_BAG, item, span });
    }
    return call({ k: 'const', path: ['A2C', 'Vault'] }, 'value', [str(VAULT_BAG), str(item)]);
  };
}
