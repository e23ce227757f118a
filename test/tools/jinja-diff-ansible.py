"""Renders differential-test cases with Ansible's own templating (one process for the batch).

stdin: JSON list of {"template": str, "vars": dict}; stdout: JSON list of {"out": str} or {"error": str}.
Templates are rendered as the template action does (do_template, trailing newlines preserved).
"""
import json
import re
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar


def render(case):
    templar = Templar(loader=DataLoader(), variables=case["vars"])
    try:
        out = templar.do_template(case["template"], preserve_trailing_newlines=True, escape_backslashes=False)
    except Exception as e:  # the comparison only needs "it failed"
        return {"error": "%s: %s" % (type(e).__name__, e)}
    # default(omit) renders a random placeholder: normalise it.
    return {"out": re.sub(r"__omit_place_holder__[0-9a-f]+", "__omit__", str(out))}


print(json.dumps([render(c) for c in json.load(sys.stdin)]))
