"""Runs community.mysql / community.rabbitmq modules on a batch of steps in ONE Python process, as
AnsibleModule runs under ansible-playbook (arguments in ANSIBLE_MODULE_ARGS, JSON result on stdout), and
after every step records the server's state with a snapshot command, so the test can compare both the
module's `changed` and what it left on the server with the support cookbook's side.

stdin: {"steps": [{"module": "community.mysql.mysql_user", "params": {...}}], "snapshot": [argv...]}
stdout: [{"changed", "failed", "msg", "snapshot"}]
"""
import importlib
import io
import json
import subprocess
import sys
import tempfile

from ansible.module_utils import basic


def module_path(fqcn):
    namespace, collection, name = fqcn.split(".")
    return "ansible_collections.%s.%s.plugins.modules.%s" % (namespace, collection, name)


def run(module, params, tmp):
    basic._ANSIBLE_ARGS = json.dumps(
        {"ANSIBLE_MODULE_ARGS": dict(params, _ansible_tmpdir=tmp, _ansible_remote_tmp=tmp, _ansible_keep_remote_files=False)}
    ).encode("utf-8")
    out = io.StringIO()
    real = sys.stdout
    sys.stdout = out
    try:
        mod = importlib.import_module(module_path(module))
        # mysql_replication keeps its queries in a module-level list: under ansible-playbook each run starts a
        # new process with it empty.
        if isinstance(getattr(mod, "executed_queries", None), list):
            del mod.executed_queries[:]
        mod.main()
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
    out = {"changed": result.get("changed") is True, "failed": result.get("failed") is True, "msg": str(result.get("msg", ""))}
    # mysql_query's result, compared too.
    for key in ("query_result", "rowcount", "executed_queries"):
        if key in result:
            out[key] = result[key]
    # mysql_replication's whole result (its status row, flag, msg and queries), compared too.
    if module.endswith(".mysql_replication"):
        out["result"] = {k: v for k, v in result.items() if k not in ("invocation", "changed", "failed", "warnings")}
    return out


def main():
    batch = json.load(sys.stdin)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for step in batch["steps"]:
            r = run(step["module"], step["params"], tmp)
            r["snapshot"] = subprocess.run(batch["snapshot"], capture_output=True, text=True, check=True).stdout
            results.append(r)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
