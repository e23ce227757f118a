# Reads a JSON list of texts on stdin and prints, for each, what Ansible 2.14's
# ansible_eval_concat does with it: ast.literal_eval of ast.parse(text, mode='eval'),
# keeping the text when that raises. Values are tagged so types survive JSON.
import ast
import json
import sys


def tag(v):
    if isinstance(v, bool):
        return ['b', v]
    if v is None:
        return ['n']
    if isinstance(v, int):
        return ['i', str(v)]
    if isinstance(v, float):
        return ['f', repr(v)]
    if isinstance(v, str):
        return ['s', v]
    if isinstance(v, list):
        return ['l', [tag(x) for x in v]]
    if isinstance(v, tuple):
        return ['t', [tag(x) for x in v]]
    if isinstance(v, dict):
        return ['d', [[tag(k), tag(x)] for k, x in v.items()]]
    return ['other', type(v).__name__]


out = []
for text in json.load(sys.stdin):
    try:
        out.append({'value': tag(ast.literal_eval(ast.parse(text, mode='eval')))})
    except (TypeError, ValueError, SyntaxError, MemoryError):
        out.append({'text': True})
print(json.dumps(out))
