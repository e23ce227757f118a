#!/usr/bin/python3
# The reference side of test/support-cookbook/support-tasks.test.ts: reads one JSON batch on stdin and answers each
# group with what Python/Ansible itself does (shlex.split, Ansible's boolean(), and the subelements,
# nested and first_found lookups run through the Ansible Python API). Errors are reported as
# {"error": "<exception class>"} so the test can check that both sides fail on the same inputs.
import json
import os
import shlex
import sys

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import lookup_loader
from ansible.template import Templar


def answer(fn, *args):
    try:
        return {"ok": fn(*args)}
    except Exception as e:  # the test compares only whether each side failed
        return {"error": type(e).__name__}


def lookup(name, subdir=None):
    loader = DataLoader()
    plugin = lookup_loader.get(name, loader=loader, templar=Templar(loader=loader))
    if subdir:
        # The task executor does this for include_vars + with_first_found: search the role's vars/.
        plugin._subdir = subdir
    return plugin


def first_found(role_dir, case):
    found = lookup("first_found", "vars").run(
        [{"files": case["candidates"], "skip": case["skip"]}],
        {"ansible_search_path": [role_dir], "role_path": role_dir},
    )
    # The lookup answers with an absolute path; the helper answers with the file's name in vars/.
    return os.path.relpath(found[0], os.path.join(role_dir, "vars")) if found else None


def main():
    batch = json.load(sys.stdin)
    out = {
        "shlex": [answer(shlex.split, s) for s in batch["shlex"]],
        "boolean": [answer(boolean, v) for v in batch["boolean"]],
        "subelements": [answer(lambda t: [list(p) for p in lookup("subelements").run(t, {})], terms)
                        for terms in batch["subelements"]],
        "nested": [answer(lambda t: lookup("nested").run(t, {}), terms) for terms in batch["nested"]],
        "first_found": [answer(first_found, batch["role_dir"], c) for c in batch["first_found"]],
    }
    json.dump(out, sys.stdout)


main()
