"""Reference side of the Jinja corpus figures: Ansible's own templating (one process for the batch).

stdin: JSON {"common": {vars shared by every role: facts, magic variables},
             "roles": {id: {"files": [YAML var files, lowest precedence first], "dir": role dir}},
             "templates": [{"role": id, "text": template source}]}
stdout: JSON {"vars": {id: {name: value resolved by Ansible}},   (values Ansible cannot resolve are left out)
              "renders": [{"out": str} | {"error": str}]}
Files are read with Ansible's DataLoader (YAML 1.1 as Ansible reads it); templates are rendered as the
template action renders them: search path <role>/templates then <role>, trailing newlines preserved.
"""
import json
import os
import re
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

loader = DataLoader()


def plain(value):
    """Ansible's resolved value as plain JSON data (it holds AnsibleUnsafe/AnsibleSequence subclasses)."""
    return json.loads(json.dumps(value))


def role_vars(files):
    merged = {}
    for path in files:
        data = loader.load_from_file(path)
        if isinstance(data, dict):
            merged.update(data)
    return merged


def main():
    request = json.load(sys.stdin)
    common = request["common"]
    variables = {}
    resolved = {}
    templars = {}
    for rid, role in request["roles"].items():
        raw = dict(common)
        raw.update(role_vars(role["files"]))
        variables[rid] = raw
        base = Templar(loader=loader, variables=raw)
        searchpath = [os.path.join(role["dir"], "templates"), role["dir"]]
        templars[rid] = base.copy_with_new_env(searchpath=searchpath)
        out = {}
        for name in raw:
            if name in common:
                continue
            try:
                out[name] = plain(base.template(raw[name]))
            except Exception:  # noqa: BLE001 - left undefined on the Ruby side too
                pass
        resolved[rid] = out
        # hostvars of the one inventory host: its variables as Ansible resolves them.
        this_host = dict(common)
        this_host.update(out)
        raw["hostvars"] = {common["inventory_hostname"]: this_host}
    renders = []
    for t in request["templates"]:
        try:
            text = templars[t["role"]].do_template(t["text"], preserve_trailing_newlines=True, escape_backslashes=False)
            renders.append({"out": re.sub(r"__omit_place_holder__[0-9a-f]+", "__omit__", str(text))})
        except Exception as e:  # noqa: BLE001 - the figures only need "Ansible cannot render it"
            renders.append({"error": "%s: %s" % (type(e).__name__, e)})
    json.dump({"vars": resolved, "renders": renders}, sys.stdout)


main()
