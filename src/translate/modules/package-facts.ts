// package_facts: the `packages` fact, read where the task runs by the module's apt manager rules
// (A2C::Facts.register_packages, libraries/a2c_facts_packages.rb) and kept as a registered result
// is, like service_facts' `services`: later reads are converge-time reads. Only what reads the
// apt manager alone converts: manager auto (the library refuses a host where RPM could answer
// first) or apt, strategy first, or apt alone with strategy all.
import { bool } from '../../ir/ruby-ast.js';
import { Untranslatable } from '../../base/failure.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { staticString } from '../values.js';
import type { ModuleTranslator } from './types.js';

/** The managers as AnsibleModule reads a list argument (a string splits on commas), or undefined where templated. */
function managers(node: YNode | undefined): string[] | undefined {
  if (!node) return ['auto'];
  const items =
    node.kind === 'seq'
      ? node.items.map(staticString)
      : node.kind === 'scalar'
        ? (staticString(node)?.split(',') ?? [undefined])
        : [undefined];
  return items.every((s): s is string => s !== undefined) ? items.map((s) => s.trim().toLowerCase()) : undefined;
}

export const packageFactsModule: ModuleTranslator = (call) => {
  const span = call.task.span;
  if (call.task.keywords.has('register'))
    return new Untranslatable('A2C-TODO-REGISTER', "package_facts with register (the module's result) is not converted", span);
  if (call.register !== 'packages')
    return new Untranslatable('A2C-TODO-MODULE', 'package_facts is converted only as a task of its own (no loop)', span);
  const names = managers(call.arg('manager'));
  const strategy = call.arg('strategy') ? staticString(call.arg('strategy')) : 'first';
  if (!names || strategy === undefined)
    return new Untranslatable('A2C-TODO-PARAM', 'package_facts with a templated manager or strategy is not converted', span);
  const set = [...new Set(names)];
  const auto = set.length === 1 && set[0] === 'auto';
  const apt = set.length === 1 && set[0] === 'apt';
  // strategy all merges every available manager's packages: with auto, whatever else the host has.
  if (!(apt || (auto && strategy === 'first')))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `package_facts manager ${names.join(', ')} with strategy ${strategy}: only the apt manager's list is converted (manager auto with strategy first, or apt)`,
      span,
    );
  return { stmts: [], result: { helper: 'package_facts', args: [bool(auto)], kwargs: [], fails: true } };
};
