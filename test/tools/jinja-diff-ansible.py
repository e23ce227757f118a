"""Renders differential-test cases with Ansible's own templating (one process for the batch).

stdin: JSON list of {"template": str, "vars": dict, "files"?: {name: text}}; stdout: JSON list of {"out": str}
or {"error": str}. Templates are rendered as the template action does (do_template, trailing newlines preserved).
"files" are other templates the case includes: written to a directory that the Templar's loader searches.
"""
import json
import os
import re
import sys
import tempfile

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar


def render(case):
    loader = DataLoader()
    with tempfile.TemporaryDirectory() as searchpath:
        for name, text in case.get("files", {}).items():
            path = os.path.join(searchpath, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        loader.set_basedir(searchpath)
        return render_with(loader, case)


def render_with(loader, case):
    templar = Templar(loader=loader, variables=case["vars"])
    try:
        out = templar.do_template(case["template"], preserve_trailing_newlines=True, escape_backslashes=False)
    except Exception as e:  # the comparison only needs "it failed"
        return {"error": "%s: %s" % (type(e).__name__, e)}
    # default(omit) renders a random placeholder: normalise it.
    return {"out": re.sub(r"__omit_place_holder__[0-9a-f]+", "__omit__", str(out))}


print(json.dumps([render(c) for c in json.load(sys.stdin)]))
