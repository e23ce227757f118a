// yum/dnf without allow_downgrade: true keep an installed version newer than the one a name pins
// (the modules skip such a name: "a newer version is installed"), where Chef's yum_package
// (`yum downgrade`, its allow_downgrade is true by default) and dnf_package (`dnf install` of the
// older version) downgrade it. Neither provider can be told to keep the newer version, and whether a
// name pins an older version is known only on the node, so a name that may pin one is reported
// where the task installs it: A2C-PIN-DOWNGRADE.
import { staticBool, staticString } from '../values.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { ModuleCall } from './types.js';

// States that install (the modules' default is present).
const INSTALLS = new Set(['present', 'installed', 'latest']);

/**
 * Whether a literal name may carry a version: an RPM name-version(-release) ends in a dash-separated
 * part that starts with a digit (`foo-1.2.3`, `foo-1.2-3.el9`), where a package name's last part is a
 * word (`java-1.8.0-openjdk`); a dependency spec names one with an operator (`foo >= 1.2`).
 */
export function mayPinVersion(name: string): boolean {
  if (/[<>=]/.test(name)) return true;
  const parts = name.split('-');
  return parts.length > 1 && /^\d/.test(parts[parts.length - 1]!);
}

function namesMayPin(node: YNode, templated: boolean): boolean {
  const items = node.kind === 'seq' ? node.items : [node];
  return items.some((item) => {
    const v = staticString(item);
    if (v === undefined) return templated;
    // A string is comma-separated as the modules read it.
    return v.split(',').some((n) => mayPinVersion(n.trim()));
  });
}

/**
 * Reports a yum/dnf task that may downgrade in Chef where the module keeps the newer version. The
 * generic package module (`rpmOnly`) hands yum/dnf its names on Red Hat-family nodes: there a
 * literal RPM-style pin is reported, not every templated name (mostly a distribution's package name).
 */
export function reportRpmDowngrade(call: ModuleCall, rpmOnly = false): void {
  if (staticBool(call.arg('allow_downgrade')) === true) return;
  const state = call.arg('state');
  const s = state ? staticString(state) : 'present';
  if (s !== undefined && !INSTALLS.has(s)) return;
  const names = call.arg('name') ?? call.arg('pkg');
  if (!names || !namesMayPin(names, !rpmOnly)) return;
  call.env.project.sink.warning(
    'A2C-PIN-DOWNGRADE',
    "a name that may pin a version, without allow_downgrade: true: where the node has a newer version installed, the module keeps it and Chef's yum_package/dnf_package downgrade to the pinned one",
    names.span,
  );
}
