# Ansible's own resolution of module names, for test/mapping/module-routing.test.ts.
# Input on stdin: {"pairs": [[name, fqcn the converter resolved it to], ...]}.
# Output: {"routing": {name: fqcn} (ansible-core's ansible_builtin_runtime.yml, plugin_routing.modules,
# redirects only), "tombstones": [name], "resolved": [{"ansible": fqcn or null, "same": bool}]}, where
# "same" says the converter's FQCN runs the module Ansible runs for the name (the same FQCN, or a
# module file of the same bytes: ansible-core ships some modules under two names; or the deprecated
# _<name> file of the name).
import json
import os
import sys

import yaml
import ansible
from ansible.plugins.loader import module_loader

runtime = os.path.join(os.path.dirname(ansible.__file__), "config", "ansible_builtin_runtime.yml")
with open(runtime, encoding="utf-8") as f:
    modules = yaml.safe_load(f)["plugin_routing"]["modules"]
routing = {k: v["redirect"] for k, v in modules.items() if "redirect" in v}
tombstones = sorted(k for k, v in modules.items() if "tombstone" in v)


def find(name):
    try:
        ctx = module_loader.find_plugin_with_context(name)
    except Exception:  # a removed module: Ansible refuses the name
        return None
    return ctx if ctx.resolved else None


def undeprecated(fqcn):
    """A module file named _<name> is <name>, deprecated (ansible-core's convention: include)."""
    head, _, last = fqcn.rpartition(".")
    return f"{head}.{last[1:]}" if last.startswith("_") else fqcn


def content(ctx):
    with open(ctx.plugin_resolved_path, "rb") as f:
        return f.read()


resolved = []
for name, ours in json.load(sys.stdin)["pairs"]:
    theirs = find(name)
    if theirs is None:
        resolved.append({"ansible": None, "same": False})
        continue
    mine = find(ours)
    # The converter's name must be the module itself, not one more name Ansible routes on.
    if mine is not None and len(mine.redirect_list) > 1 and undeprecated(mine.resolved_fqcn) != ours:
        mine = None
    same = undeprecated(theirs.resolved_fqcn) == ours or (mine is not None and content(mine) == content(theirs))
    resolved.append({"ansible": theirs.resolved_fqcn, "same": same})
print(json.dumps({"routing": routing, "tombstones": tombstones, "resolved": resolved}))
