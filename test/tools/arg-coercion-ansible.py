# The reference side of test/translate/modules/module-arg-coercion.test.ts: AnsibleModule's own argument conversion
# (ArgumentSpecValidator, which AnsibleModule runs before the module) and its symbolic mode
# arithmetic (_symbolic_mode_to_octal) for a JSON batch read from stdin.
# Values tagged {"float": "1.5"} are Python floats (JSON cannot tell 1.0 from 1).
import json
import os
import stat
import sys

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator


def decode(v):
    if isinstance(v, dict) and set(v) == {'float'}:
        return float(v['float'])
    if isinstance(v, list):
        return [decode(x) for x in v]
    return v


def encode(v):
    if isinstance(v, float):
        return {'float': repr(v)}
    if isinstance(v, list):
        return [encode(x) for x in v]
    return v


class FakeStat(object):
    def __init__(self, mode):
        self.st_mode = mode


def coerce(arg_type, value):
    result = ArgumentSpecValidator({'arg': {'type': arg_type}}).validate({'arg': decode(value)})
    if result.error_messages:
        return {'error': result.error_messages[0]}
    return {'ok': encode(result.validated_parameters['arg'])}


def symbolic(mode, prev, is_dir):
    st = FakeStat((stat.S_IFDIR if is_dir else stat.S_IFREG) | prev)
    try:
        return {'ok': AnsibleModule._symbolic_mode_to_octal(st, mode)}
    except ValueError as e:
        return {'error': str(e)}


os.umask(0o022)
batch = json.load(sys.stdin)
json.dump({
    'coerce': [coerce(t, v) for t, v in batch['coerce']],
    'symbolic': [symbolic(m, p, d) for m, p, d in batch['symbolic']],
}, sys.stdout)
