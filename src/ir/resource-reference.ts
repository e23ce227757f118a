// The name a notification or subscription looks a resource up by. Chef's `name` property coerces an
// Array to its items joined by ", " (Chef::Resource, `property :name ... coerce`), and the resource
// collection keys a resource by `type[name]` with that text. A multi-package resource
// (`apt_package %w(curl jq)`, or a list attribute) is therefore found as `apt_package[curl, jq]`;
// interpolating the list itself would give Ruby's inspect form (`apt_package[["curl", "jq"]]`), which
// Chef cannot find, and the run stops at converge with ResourceNotFound.
import type { RExpr } from './ruby-ast.js';

/** Resource types whose name may be a list: the package family (`package_name` is String or Array). */
export function mayBeListNamed(resourceType: string): boolean {
  return resourceType === 'package' || resourceType.endsWith('_package');
}

/** The expression of the text Chef keys the resource by, given the expression its name was declared with. */
export function referenceName(resourceType: string, name: RExpr): RExpr {
  if (name.k === 'array') {
    if (name.items.every((i) => i.k === 'str')) return { k: 'str', v: name.items.map((i) => (i as { v: string }).v).join(', ') };
    return joined(name);
  }
  if (!mayBeListNamed(resourceType)) return name;
  switch (name.k) {
    case 'str':
    case 'interp':
    case 'int':
    case 'float':
    case 'nil':
      return name;
    default: {
      // A read whose type the resolve stage proved needs no Array(): text is the name, a list is joined.
      const t = 'vt' in name ? name.vt?.t : undefined;
      if (t === 'str') return name;
      if (t === 'list') return joined(name);
      return joined({ k: 'call', name: 'Array', args: [name] });
    }
  }
}

function joined(list: RExpr): RExpr {
  return { k: 'call', recv: list, name: 'join', args: [{ k: 'str', v: ', ' }] };
}
