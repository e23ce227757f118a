"""Renders json_query differential cases with Ansible's templating and community.general's json_query.

stdin: JSON list of {"template": str, "vars": dict}; stdout: JSON list of {"out": str} or {"error": str}.
The variables are read as a playbook's are (Ansible's YAML loader: AnsibleUnicode, AnsibleMapping,
AnsibleSequence), and the same template is rendered again with every value marked unsafe (as a
registered or templated result is): json_query must answer alike for both, else the case reports it.
"""
import json
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
from ansible.utils.unsafe_proxy import wrap_var

# The filter the template names must be the collection's own (it fails the import otherwise).
import ansible_collections.community.general.plugins.filter.json_query  # noqa: F401


def render(template, variables):
    templar = Templar(loader=DataLoader(), variables=variables)
    try:
        return {"out": str(templar.do_template(template, preserve_trailing_newlines=True, escape_backslashes=False))}
    except Exception as e:  # the comparison only needs "it failed"
        return {"error": "%s: %s" % (type(e).__name__, e)}


def case(c):
    loaded = DataLoader().load(json.dumps(c["vars"]))
    yaml = render(c["template"], loaded)
    unsafe = render(c["template"], wrap_var(json.loads(json.dumps(c["vars"]))))
    if ("error" in yaml) != ("error" in unsafe) or yaml.get("out") != unsafe.get("out"):
        return {"error": "YAML and unsafe variables differ: %r / %r" % (yaml, unsafe)}
    return yaml


print(json.dumps([case(c) for c in json.load(sys.stdin)]))
