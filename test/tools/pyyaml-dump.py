#!/usr/bin/python3
"""Load YAML files the way Ansible does and print a typed canonical JSON of every document.

Reads a JSON list of file paths on stdin; prints one JSON object mapping each path to
{"docs": [...]} or {"error": "..."}. One process for all files: Python start-up is slow.

Ansible's loader is libyaml's parser + PyYAML's SafeConstructor (plus its own tags) + the YAML 1.1
Resolver, which is what CSafeLoader with `!vault` and `!unsafe` constructors gives.

Canonical form (mirrored by test/load/yaml-pyyaml.test.ts), chosen so that what JSON would lose stays
visible: mappings are {"__map__": [[key, value], ...]} in dict order, floats {"__float__": x}
(x is "nan"/"inf"/"-inf" when not finite), dates and datetimes {"__ts__": str(value)} (what Ansible
templates), vault {"__vault__": ciphertext}, `!unsafe` strings {"__unsafe__": text}.
"""
import datetime
import json
import math
import sys

import yaml

BaseLoader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)


class Vault:
    def __init__(self, ciphertext):
        self.ciphertext = ciphertext


class UnsafeStr(str):
    pass


def wrap_unsafe(value):
    if isinstance(value, str):
        return UnsafeStr(value)
    if isinstance(value, list):
        return [wrap_unsafe(v) for v in value]
    if isinstance(value, dict):
        return {wrap_unsafe(k): wrap_unsafe(v) for k, v in value.items()}
    return value


class AnsibleLikeLoader(BaseLoader):
    pass


def construct_vault(loader, node):
    return Vault(loader.construct_scalar(node))


def construct_unsafe(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return UnsafeStr(loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return wrap_unsafe(loader.construct_sequence(node, deep=True))
    return wrap_unsafe(loader.construct_mapping(node, deep=True))


AnsibleLikeLoader.add_constructor('!vault', construct_vault)
AnsibleLikeLoader.add_constructor('!vault-encrypted', construct_vault)
AnsibleLikeLoader.add_constructor('!unsafe', construct_unsafe)


def canonical(value, depth=0):
    if depth > 200:
        raise ValueError('structure too deep (recursive alias?)')
    if isinstance(value, UnsafeStr):
        return {'__unsafe__': str(value)}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {'__float__': 'nan'}
        if math.isinf(value):
            return {'__float__': 'inf' if value > 0 else '-inf'}
        return {'__float__': value}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {'__ts__': str(value)}
    if isinstance(value, Vault):
        return {'__vault__': value.ciphertext}
    if isinstance(value, list):
        return [canonical(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {'__map__': [[canonical(k, depth + 1), canonical(v, depth + 1)] for k, v in value.items()]}
    raise TypeError('unsupported value type %s' % type(value).__name__)


def load(path):
    try:
        with open(path, encoding='utf-8') as f:
            docs = list(yaml.load_all(f, Loader=AnsibleLikeLoader))
        return {'docs': [canonical(d) for d in docs]}
    except Exception as e:  # any failure is data for the comparison
        return {'error': '%s: %s' % (type(e).__name__, e)}


def main():
    paths = json.load(sys.stdin)
    json.dump({p: load(p) for p in paths}, sys.stdout)


if __name__ == '__main__':
    main()
