"""Runs Ansible modules (ansible-core's or a collection's) on a batch of argument sets in ONE Python process,
as AnsibleModule runs under ansible-playbook (arguments in ANSIBLE_MODULE_ARGS, JSON result on stdout).

stdin: {"module": "ansible.modules.find", "steps": [{...arguments...}], "snapshot": [argv...] or null,
        "before": [argv or null per step] (optional: a command run before each step, to set the scene)}
stdout: [the module's result for each step, with "snapshot": the snapshot command's stdout after it]
"""
import importlib
import io
import json
import subprocess
import sys
import tempfile

from ansible.module_utils import basic


def run(module, params, tmp):
    basic._ANSIBLE_ARGS = json.dumps(
        {"ANSIBLE_MODULE_ARGS": dict(params, _ansible_tmpdir=tmp, _ansible_remote_tmp=tmp, _ansible_keep_remote_files=False)}
    ).encode("utf-8")
    out = io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        module.main()
    except SystemExit:
        pass
    except Exception as e:  # ansible-playbook reports a module's traceback as a failed task
        return {"changed": False, "failed": True, "msg": "MODULE FAILURE: %r" % (e,)}
    finally:
        sys.stdout = real
    text = out.getvalue()
    return json.loads(text[text.index("{"):])


batch = json.load(sys.stdin)
module = importlib.import_module(batch["module"])
results = []
with tempfile.TemporaryDirectory() as tmp:
    before = batch.get("before") or []
    for i, params in enumerate(batch["steps"]):
        if i < len(before) and before[i]:
            subprocess.run(before[i], check=True)
        r = run(module, params, tmp)
        if batch.get("snapshot"):
            r["snapshot"] = subprocess.run(batch["snapshot"], capture_output=True, text=True).stdout
        results.append(r)
json.dump(results, sys.stdout)
