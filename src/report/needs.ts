// What a TODO task would need to convert, read from its diagnostic: a planning aid for a migration
// (CONVERSION.md, --json, the corpus script). The first two are TODOs kept on purpose (no pull-model
// equivalent); the next three need something a converter cannot supply (a role or a service API the
// input does not hold); a read of a result or variable whose setting task is a TODO converts once that task does.
export const NEEDS = {
  pushModel: 'kept as a TODO by design: push-model keyword (delegate_to, run_once, ...): no pull-model equivalent',
  rescue: 'kept as a TODO by design: block rescue/always',
  includeRole: 'include_role with vars or a computed name (a recipe runs once, sees no caller vars)',
  serviceModule: 'a module that drives a service API (OpenStack, Vault, MySQL, RabbitMQ, AWS, X.509)',
  missingRole: 'includes a role the input does not hold (convert it together with that role)',
  followsTodo: 'reads a registered result or a variable only a TODO task sets: converts once that task does',
  workLeft: 'a construct or argument not converted yet (see its diagnostic)',
} as const;

const SERVICE_MODULE = /^module (openstack\.|community\.hashi_vault\.|ec2\b|(community\.mysql\.)?mysql_|community\.rabbitmq\.|community\.crypto\.|openssl_)/;

// The reasons deferred.ts gives for a read of a variable every setter of which is a TODO.
const UNSET_VARIABLE = /include_vars tasks? without a translation would load|set_fact tasks? at .* which ha(?:s|ve) no translation/;

export function todoNeed(code: string | undefined, reason: string | undefined): string {
  const why = reason ?? '';
  if (code === 'A2C-TODO-KEYWORD') return NEEDS.pushModel;
  if (code === 'A2C-TODO-BLOCK-RESCUE' || code === 'A2C-TODO-BLOCK-ALWAYS') return NEEDS.rescue;
  if (code === 'A2C-TODO-INCLUDE' && why.startsWith('include_role')) return NEEDS.includeRole;
  if (code === 'A2C-TODO-MODULE' && SERVICE_MODULE.test(why)) return NEEDS.serviceModule;
  if (code === 'A2C-MISSING-ROLE') return NEEDS.missingRole;
  if (/registered result/.test(why) || UNSET_VARIABLE.test(why)) return NEEDS.followsTodo;
  return NEEDS.workLeft;
}
