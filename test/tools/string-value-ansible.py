"""Ansible's templating of variable strings (Templar.template, as for module arguments and vars:
escape_backslashes and convert_data on). stdin: {"vars": dict, "values": [str]}; stdout: JSON list
of {"out": value} or {"error": str}."""
import json
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

batch = json.load(sys.stdin)
templar = Templar(loader=DataLoader(), variables=batch["vars"])
out = []
for value in batch["values"]:
    try:
        out.append({"out": templar.template(value)})
    except Exception as e:  # only "it failed" is compared
        out.append({"error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(out))
