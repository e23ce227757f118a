// The facts the user collector gathers (ansible_user_id and the facts read from that user's password
// entry and from the process): every fact the table marks as gathered as the play's user, except
// ansible_env (read from the environment, not the collector). Derived from mappings/facts.toml so a
// fact added there is compared with the collector without a second list to keep in step.
import { builtinTables } from '../../src/mapping/tables.js';

export function userCollectorFacts(): string[] {
  return Object.entries(builtinTables().facts)
    .filter(([, e]) => e.gathered_as === 'play-user' && e.compute !== 'env')
    .map(([fact]) => fact);
}
