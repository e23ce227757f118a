"""Runs ansible-core's own find module on a batch of argument sets in ONE Python process, as
AnsibleModule runs under ansible-playbook (arguments in ANSIBLE_MODULE_ARGS, JSON result on stdout).

stdin: [{...module arguments...}]; stdout: [the module's result for each]
"""
import io
import json
import sys
import tempfile

from ansible.module_utils import basic
from ansible.modules import find


def run(params, tmp):
    basic._ANSIBLE_ARGS = json.dumps(
        {"ANSIBLE_MODULE_ARGS": dict(params, _ansible_tmpdir=tmp, _ansible_remote_tmp=tmp, _ansible_keep_remote_files=False)}
    ).encode("utf-8")
    out = io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        find.main()
    except SystemExit:
        pass
    finally:
        sys.stdout = real
    text = out.getvalue()
    return json.loads(text[text.index("{"):])


with tempfile.TemporaryDirectory() as tmp:
    json.dump([run(p, tmp) for p in json.load(sys.stdin)], sys.stdout)
