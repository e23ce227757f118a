// Modules whose work lands on the Ansible controller itself. No Chef node is the controller, so such a
// task stays a TODO by design (A2C-TODO-CONTROLLER), which the report keeps apart from work the
// converter has left. ansible-core's own modules, by the short name all its spellings share.
import { builtinShortName } from '../mapping/module-routing.js';

const CONTROLLER_MODULES: ReadonlyMap<string, string> = new Map([
  ['fetch', 'copies a file from the node to the Ansible controller, which no Chef node is'],
]);

/** Why the module's work is the controller's, or undefined when it is the node's. */
export function controllerWork(module: string): string | undefined {
  const short = builtinShortName(module);
  return short === undefined ? undefined : CONTROLLER_MODULES.get(short);
}
