// What a TODO task would need to convert, read from its diagnostic code's `need` in the table
// (diagnostic-codes.ts): a planning aid for a migration (CONVERSION.md, --json, the corpus script).
// The first three are TODOs kept on purpose (no pull-model equivalent); the next three need something
// a converter cannot supply (a role or a service API the input does not hold); a read of a result
// whose every registering task is such a TODO stays one with it (translate/task/follows-kept.ts); a read of a result
// or variable whose setting task is a TODO converts once that task does; then the work left to the converter; then
// what the input itself must fix, and bugs. A code that never marks a TODO task still has a need
// (review, note): it says what the diagnostic asks of the reader.
import { type DiagnosticCode, type Need, needOf } from '../base/diagnostic-codes.js';

/** The report's line for each need, in the report's order. */
export const NEEDS = {
  'push-model': 'kept as a TODO by design: push-model keyword (delegate_to, run_once, ...): no pull-model equivalent',
  controller: 'kept as a TODO by design: work on the Ansible controller (fetch, lookup env/pipe/url/lines/config)',
  rescue: 'kept as a TODO by design: block rescue/always',
  'include-role': 'include_role in a loop, with a computed name, or with vars of a role a custom resource cannot carry',
  'service-api': 'a module that drives a service API (OpenStack, Vault, MySQL, RabbitMQ, AWS, ACME, Docker)',
  'missing-role': 'includes a role the input does not hold (convert it together with that role)',
  'follows-kept':
    "reads a registered result only a TODO kept by design or beyond the converter's reach registers (its diagnostic names that task)",
  'follows-todo': 'reads a registered result or a variable only a TODO task sets: converts once that task does',
  'work-left': 'a construct or argument not converted yet (see its diagnostic)',
  input: 'input Ansible would refuse or cannot find (a syntax error, a missing file, a path outside the input): fix the input',
  review: 'converted; a finding to review by hand (see its diagnostic)',
  note: 'nothing: a note on how it converted',
  bug: 'an internal error of ansible2chef (please report it)',
} as const satisfies Record<Need, string>;

export function todoNeed(code: DiagnosticCode): string {
  return NEEDS[needOf(code)];
}
