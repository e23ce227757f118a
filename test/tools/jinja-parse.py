#!/usr/bin/python3
"""Reference side of the Jinja parser tests: real Jinja2, configured like Ansible.

Modes (one process per test file, JSON on stdout):
  corpus ROOT   collect every .j2 template, every YAML string value holding
                Jinja markup, and every when/changed_when/failed_when/until
                conditional under ROOT, parse each with Jinja2, and print
                [{kind, file, text, ok, line, message}], plus broken
                variants of each template (kind "mutant").
  render        read [{template, trim_blocks, lstrip_blocks,
                keep_trailing_newline}] from stdin, print the rendered
                strings (or {"error": message}) in the same order.
"""
import ast
import json
import os
import sys

import jinja2
import yaml

EXTENSIONS = ["jinja2.ext.do", "jinja2.ext.loopcontrols"]
CONDITIONAL_KEYS = ("when", "changed_when", "failed_when", "until")
JINJA_STARTS = ("{{", "{%", "{#")
OVERRIDE_PREFIX = "#jinja2:"


def ansible_env(**overrides):
    return jinja2.Environment(trim_blocks=True, extensions=EXTENSIONS, **overrides)


class AnsibleLoader(yaml.SafeLoader):
    """SafeLoader that reads Ansible's own tags as the plain strings they wrap."""


def _tagged_string(loader, node):
    return loader.construct_scalar(node)


AnsibleLoader.add_constructor("!vault", _tagged_string)
AnsibleLoader.add_constructor("!unsafe", _tagged_string)


def parse(env, text):
    """Parse like Ansible's Templar.do_template, header overrides included."""
    offset = 0
    if text.startswith(OVERRIDE_PREFIX):
        env = env.overlay()
        eol = text.find("\n")
        line = text[len(OVERRIDE_PREFIX):eol]
        text = text[eol + 1:]
        offset = 1 if eol >= 0 else 0
        for pair in line.split(","):
            if ":" not in pair:
                return {"ok": False, "line": 1, "message": "bad override %r" % pair}
            key, val = pair.split(":", 1)
            try:
                setattr(env, key.strip(), ast.literal_eval(val.strip()))
            except Exception as e:  # noqa: BLE001 - Ansible fails the same way
                return {"ok": False, "line": 1, "message": str(e)}
    try:
        env.parse(text)
        return {"ok": True}
    except jinja2.TemplateSyntaxError as e:
        return {"ok": False, "line": (e.lineno or 0) + offset, "message": e.message}


def walk(value, found):
    """Collect Jinja strings and conditionals from one YAML document."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if key in CONDITIONAL_KEYS:
                conds = sub if isinstance(sub, list) else [sub]
                for c in conds:
                    if isinstance(c, str):
                        found.append(("expression", c))
            walk(sub, found)
    elif isinstance(value, list):
        for sub in value:
            walk(sub, found)
    elif isinstance(value, str) and any(s in value for s in JINJA_STARTS):
        found.append(("string", value))


def corpus(root):
    env = ansible_env()
    items = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.endswith(".j2"):
                try:
                    with open(path, encoding="utf-8", newline="") as f:
                        text = f.read()
                except UnicodeDecodeError:
                    continue
                items.append(dict(kind="template", file=rel, text=text, **parse(env, text)))
            elif name.endswith((".yml", ".yaml")):
                found = []
                try:
                    with open(path, encoding="utf-8") as f:
                        for doc in yaml.load_all(f, Loader=AnsibleLoader):
                            walk(doc, found)
                except (yaml.YAMLError, UnicodeDecodeError):
                    continue
                for kind, text in found:
                    source = text if kind == "string" else "{%% if %s %%} True {%% else %%} False {%% endif %%}" % text
                    items.append(dict(kind=kind, file=rel, text=text, **parse(env, source)))
    items.extend(mutants(env, items))
    json.dump(items, sys.stdout)


def mutants(env, items):
    """Broken variants of the templates, so that error lines get compared too."""
    out = []
    for item in items:
        if item["kind"] != "template":
            continue
        text = item["text"]
        variants = [text[: len(text) // 2]]
        end = text.rfind("{% end")
        if end >= 0:
            variants.append(text[:end] + text[end + 6:])
        for marker in ("}}", "%}", "]", ")"):
            i = text.find(marker, len(text) // 3)
            if i >= 0:
                variants.append(text[:i] + text[i + 1:])
        for v in variants:
            out.append(dict(kind="mutant", file=item["file"], text=v, **parse(env, v)))
    return out


def render():
    out = []
    for case in json.load(sys.stdin):
        env = ansible_env(
            lstrip_blocks=case["lstrip_blocks"],
            keep_trailing_newline=case["keep_trailing_newline"],
        )
        env.trim_blocks = case["trim_blocks"]
        try:
            out.append(env.from_string(case["template"]).render())
        except jinja2.TemplateError as e:
            out.append({"error": str(e)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1:2] == ["corpus"]:
        corpus(sys.argv[2])
    elif sys.argv[1:2] == ["render"]:
        render()
    else:
        sys.exit("usage: jinja-parse.py corpus ROOT | render < cases.json")
