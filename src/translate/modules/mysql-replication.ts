// community.mysql.mysql_replication: the a2c_mysql_replication resource, or, when the task registers its
// result under a static name, a ruby_block running the same mode (A2C::MySQL.register_replication) and
// keeping the module's whole result (the status row of getprimary/getreplica, Is_Primary/Is_Replica, msg,
// queries) for later reads. The resource path keeps only changed.
import { failed, Untranslatable } from '../../base/failure.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

export const mysqlReplicationModule: ModuleTranslator = (call) => {
  const m = mapParams(call);
  if (failed(m)) return m;
  if (call.register === undefined)
    return { stmts: [resource(call, 'a2c_mysql_replication', m, { k: 'str', v: call.task.name ?? call.spec.fqcn })] };
  for (const k of ['failed_when', 'changed_when'] as const) {
    const n = call.task.keywords.get(k);
    if (n) return new Untranslatable('A2C-TODO-REGISTER', `${k} on a registered mysql_replication is not converted`, n.span);
  }
  const block = m.properties.find((p) => p.block);
  if (block) return new Untranslatable('A2C-TODO-PARAM', `mysql_replication argument for '${block.name}' is not converted`, call.task.span);
  // The properties are A2C::MySQL.register_replication's keywords (the resource's property names).
  return { stmts: [], result: { helper: 'mysql_replication', args: [], kwargs: m.properties.map((p) => [p.name, p.value]), fails: true } };
};
