"""Runs Ansible's own file-editing modules (lineinfile, blockinfile, replace, community.general's
ini_file) on a batch of cases in ONE Python process, as AnsibleModule runs under ansible-playbook: the
arguments arrive as ANSIBLE_MODULE_ARGS, the module prints its JSON result and exits. One process for
the batch instead of one forked worker and one module process per task keeps the differential test
within its timeout on a loaded machine.

stdin: [{"module": "ansible.builtin.lineinfile", "params": {...}}, ...]; stdout: [{"changed", "failed", "msg"}]
"""
import importlib
import io
import json
import sys
import tempfile

from ansible.module_utils import basic

MODULES = {
    "ansible.builtin.lineinfile": "ansible.modules.lineinfile",
    "ansible.builtin.blockinfile": "ansible.modules.blockinfile",
    "ansible.builtin.replace": "ansible.modules.replace",
    "community.general.ini_file": "ansible_collections.community.general.plugins.modules.ini_file",
}


def run(module, params, tmp):
    basic._ANSIBLE_ARGS = json.dumps(
        {"ANSIBLE_MODULE_ARGS": dict(params, _ansible_tmpdir=tmp, _ansible_remote_tmp=tmp, _ansible_keep_remote_files=False)}
    ).encode("utf-8")
    out = io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        importlib.import_module(MODULES[module]).main()
    except SystemExit:
        pass
    except Exception as e:  # ansible-playbook reports a module's traceback as a failed task
        return {"changed": False, "failed": True, "msg": "MODULE FAILURE: %r" % (e,)}
    finally:
        sys.stdout = real
    text = out.getvalue()
    try:
        result = json.loads(text[text.index("{"):])
    except ValueError:
        return {"changed": False, "failed": True, "msg": "MODULE FAILURE: no JSON: %s" % text[:200]}
    return {"changed": result.get("changed") is True, "failed": result.get("failed") is True, "msg": str(result.get("msg", ""))}


def main():
    cases = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as tmp:
        json.dump([run(c["module"], c["params"], tmp) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
