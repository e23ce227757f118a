# Whether Ansible's YAML loader accepts each text as one document (AnsibleLoader.get_single_data),
# for test/load/yaml-multidoc.test.ts. stdin: a JSON list of texts; stdout: a JSON list of
# {"ok": true} or {"error": "..."}.
import json
import sys

from ansible.parsing.yaml.loader import AnsibleLoader

out = []
for text in json.load(sys.stdin):
    try:
        AnsibleLoader(text).get_single_data()
        out.append({"ok": True})
    except Exception as e:  # only "refused" is compared
        out.append({"error": str(e).splitlines()[0]})
print(json.dumps(out))
