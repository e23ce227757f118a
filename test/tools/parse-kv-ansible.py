# Ansible's own reading of free-form module arguments (parse_kv), for test/load/free-form-args.test.ts.
# Input on stdin: a JSON list of {"text": str, "check_raw": bool}. Output: one result per case,
# {"options": {...}} or {"error": "..."} when Ansible refuses the text.
import json
import sys

from ansible.errors import AnsibleError
from ansible.parsing.splitter import parse_kv

out = []
for case in json.load(sys.stdin):
    try:
        out.append({"options": parse_kv(case["text"], check_raw=case["check_raw"])})
    except (AnsibleError, IndexError, ValueError) as e:
        out.append({"error": str(e)})
print(json.dumps(out))
