"""Runs Ansible's own lookup plugins on differential-test terms (one process for the batch).

stdin: JSON list of {"plugin": str, "terms": list, "loop"?: value}; stdout: JSON list of
{"list": [...], "value": ...} or {"error": str}. "terms" are lookup()'s arguments: "list" is what
query() returns and "value" what plain lookup() does (Templar._lookup). With "loop", the value of a
with_<plugin> keyword is listified as the task executor does and "list" is the loop's items; with
"render" too, "rendered" is that template rendered for each item (as a task argument would be).
With "files" ({path: text}), they are written as a role's folder and the lookup runs with that
role's search path (a task of the role's tasks/main.yml).
"""
import os
import tempfile
import json
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import lookup_loader
from ansible.template import Templar
from ansible.utils.listify import listify_lookup_plugin_terms


def plain(v):
    """Tuples (indexed_items' pairs) and Ansible's wrapped strings as JSON sees them."""
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, str):
        return str(v)
    return v


def run(case):
    if "files" in case:
        with tempfile.TemporaryDirectory() as role:
            for name, text in case["files"].items():
                path = os.path.join(role, name)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
            return run_in(case, {"ansible_search_path": [role, os.path.join(role, "tasks")]})
    return run_in(case, {})


def run_in(case, variables):
    templar = Templar(loader=DataLoader(), variables=variables)
    try:
        if "loop" in case:
            terms = listify_lookup_plugin_terms(terms=case["loop"], templar=templar, fail_on_undefined=True, convert_bare=False)
            plugin = lookup_loader.get(case["plugin"], loader=templar._loader, templar=templar)
            items = plugin.run(terms=terms, variables={}, wantlist=True)
            out = {"list": plain(items)}
            if "render" in case:
                out["rendered"] = [Templar(loader=templar._loader, variables={"item": i}).template(case["render"]) for i in items]
            return out
        listed = templar._lookup(case["plugin"], *case["terms"], wantlist=True)
        value = templar._lookup(case["plugin"], *case["terms"])
        return {"list": plain(listed), "value": plain(value)}
    except Exception as e:  # the comparison only needs "it failed"
        return {"error": "%s: %s" % (type(e).__name__, e)}


print(json.dumps([run(c) for c in json.load(sys.stdin)]))
