"""Renders every template task of a play's roles with Ansible's own template action (the corpus template differential).

A role is not run: its tasks are walked in order for each host as the linear strategy reaches them, and only what
needs no target machine is done -- set_fact, include_vars and include_tasks (their file read by Ansible's own loader),
static imports as Ansible compiles them -- so the variables a template sees are the role's defaults and vars, the
inventory's, the facts given, and what those tasks set. Other tasks do nothing; a name they register stays undefined
(a template reading it fails: the harness cannot give a registered result). A template task is rendered by the real
template action (its `_find_needle`, search path, template vars and Templar settings) with the copy step caught, for
every loop item, whether its `when` holds or not (the verdict is reported beside the text).

stdin: {"project": DIR, "playbook": FILE (one play), "inventory": FILE, "facts": {fact name without ansible_: value}}
stdout: JSON list of {"host", "task" (file:line), "dest", "when": true|false|null, "out"} or {..., "error"}.
"""
import json
import os
import re
import sys

from ansible import context
from ansible.module_utils.common.collections import ImmutableDict
from ansible.parsing.dataloader import DataLoader
from ansible.inventory.manager import InventoryManager
from ansible.vars.manager import VariableManager
from ansible.vars.hostvars import HostVars
from ansible.playbook import Playbook
from ansible.playbook.block import Block
from ansible.playbook.helpers import load_list_of_blocks
from ansible.playbook.play_context import PlayContext
from ansible.plugins.loader import action_loader, lookup_loader
from ansible.template import Templar
from ansible.utils.listify import listify_lookup_plugin_terms

context.CLIARGS = ImmutableDict(check=False, diff=False, verbosity=0)


class Caught(Exception):
    """The template action's copy step, reached with the rendered text."""

    def __init__(self, text):
        super().__init__("rendered")
        self.text = text


class FakeCopy:
    def __init__(self, task):
        self.task = task

    def run(self, task_vars=None):
        with open(self.task.args["src"], encoding="utf-8") as f:
            raise Caught(f.read())


class FakeShell:
    tmpdir = None


class FakeConnection:
    _shell = FakeShell()


class FakeLoaderObj:
    class action_loader:  # noqa: N801 -- the attribute name the action reads
        @staticmethod
        def get(name, task=None, **kw):
            return FakeCopy(task)


def base_name(action):
    return action.rsplit(".", 1)[-1]


def task_pos(task):
    ds = task.get_ds()
    pos = getattr(ds, "ansible_pos", None)
    return "%s:%d" % (pos[0], pos[1]) if pos else "?"


class Walker:
    def __init__(self, loader, inventory, vm, play, project):
        self.loader, self.inventory, self.vm, self.play, self.project = loader, inventory, vm, play, project
        self.out = []
        # False inside an include whose `when` does not hold: its templates are still rendered (reported
        # with when false, as the Chef side renders a guarded template), its other tasks set nothing.
        self.live = True

    def variables(self, host, task):
        v = self.vm.get_vars(play=self.play, host=host, task=task, _hosts=[h.name for h in self.inventory.get_hosts()],
                             _hosts_all=[h.name for h in self.inventory.get_hosts()])
        v["ansible_search_path"] = task.get_search_path()
        return v

    def items(self, task, templar, variables):
        """The task's loop items (None without a loop), as TaskExecutor._get_loop_items gives them."""
        if task.loop_with:
            terms = listify_lookup_plugin_terms(terms=task.loop, templar=templar, fail_on_undefined=True, convert_bare=False)
            lookup = lookup_loader.get(task.loop_with, loader=self.loader, templar=templar)
            # The subdirectory first_found searches, as TaskExecutor gives it.
            lookup._subdir = next((d for d in ("template", "var", "file") if d in task.action), "file") + "s"
            return lookup.run(terms=terms, variables=variables, wantlist=True)
        if task.loop is not None:
            return templar.template(task.loop)
        return None

    def walk(self, blocks, host):
        for b in blocks:
            if isinstance(b, Block):
                for part in (b.block, b.rescue, b.always):
                    self.walk(part, host)
            else:
                self.task(b, host)

    def task(self, task, host):
        variables = self.variables(host, task)
        templar = Templar(loader=self.loader, variables=variables)
        action = base_name(task.action)
        try:
            items = self.items(task, templar, variables)
        except Exception as e:  # a loop the harness cannot evaluate
            if action == "template":
                self.out.append({"host": host.name, "task": task_pos(task), "loop_error": str(e)})
            return
        loop_var = task.loop_control.loop_var if task.loop_control else "item"
        for item in ([None] if items is None else items):
            v = dict(variables)
            if items is not None:
                v[loop_var] = item
            templar = Templar(loader=self.loader, variables=v)
            try:
                when = bool(task.evaluate_conditional(templar, v)) and self.live
            except Exception:
                when = None
            if action == "template":
                self.template(task, host, v, templar, when)
            elif action == "config_template":
                # The collection is not installed here: its template stage (src rendered as the template
                # action does) is compared with the converted template, before the overrides are merged.
                self.template(task, host, v, templar, when, stage="config_template")
            else:
                try:
                    self.pure(task, action, host, templar, v, when, items is not None and loop_var, item)
                except Exception:  # a value the harness cannot give: the task sets nothing
                    pass

    def pure(self, task, action, host, templar, v, when, loop_var, item):
        """What a task that needs no target machine sets (a task whose `when` is false or unknown sets nothing)."""
        if action in ("include_tasks", "include") and not when:
            live, self.live = self.live, False
            try:
                self.include_tasks(task, host, templar, v, loop_var or None, item)
            finally:
                self.live = live
            return
        if not when:
            return
        if action == "set_fact":
            args = {k: templar.template(a) for k, a in task.args.items() if k != "cacheable"}
            self.vm.set_nonpersistent_facts(host.name, args)
        elif action == "include_vars":
            self.include_vars(task, host, templar, item)
        elif action in ("include_tasks", "include"):
            self.include_tasks(task, host, templar, v, loop_var or None, item)

    def include_vars(self, task, host, templar, item):
        name = task.args.get("_raw_params") or task.args.get("file")
        if name is None:
            return
        name = templar.template(name)
        path = self.loader.path_dwim_relative(task._role._role_path, "vars", name) if task._role else name
        data = self.loader.load_from_file(path) or {}
        for k, val in data.items():
            self.vm.set_host_variable(host.name, k, val)

    def include_tasks(self, task, host, templar, variables, loop_var, item):
        name = templar.template(task.args.get("_raw_params") or task.args.get("file"))
        here = os.path.dirname(task.get_ds().ansible_pos[0])
        candidates = [os.path.join(here, name)]
        if task._role:
            candidates.insert(0, os.path.join(task._role._role_path, "tasks", name))
        path = next((c for c in candidates if os.path.exists(c)), None)
        if path is None:
            return
        data = self.loader.load_from_file(path) or []
        ti_copy = task.copy(exclude_parent=True)
        ti_copy._parent = task._parent
        extra = {loop_var: item} if loop_var else {}
        ti_copy.vars = ti_copy.vars | extra
        blocks = load_list_of_blocks(data, play=self.play, parent_block=ti_copy.build_parent_block(), role=task._role,
                                     loader=self.loader, variable_manager=self.vm)
        self.walk(blocks, host)

    def template(self, task, host, variables, templar, when, stage=None):
        rec = {"host": host.name, "task": task_pos(task), "when": when}
        if stage:
            rec["stage"] = stage
        try:
            args = templar.template(task.args)
            if stage == "config_template":
                args = {k: args[k] for k in ("src", "dest") if k in args}
            rec["dest"] = args.get("dest")
            rec["src"] = args.get("src")
            t = task.copy()
            t.args = args
            action = action_loader.get("ansible.legacy.template", task=t, connection=FakeConnection(), play_context=PlayContext(),
                                       loader=self.loader, templar=templar, shared_loader_obj=FakeLoaderObj())
            action._early_needs_tmp_path = lambda: False
            result = action.run(task_vars=variables)
            rec["error"] = result.get("msg", "no text")
        except Caught as c:
            rec["out"] = re.sub(r"__omit_place_holder__[0-9a-f]+", "__omit__", c.text)
        except Exception as e:
            rec["error"] = "%s: %s" % (type(e).__name__, e)
        self.out.append(rec)


def main():
    spec = json.load(sys.stdin)
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[spec["inventory"]])
    vm = VariableManager(loader=loader, inventory=inventory)
    pb = Playbook.load(spec["playbook"], variable_manager=vm, loader=loader)
    # As TaskQueueManager.run sets a play up: its copy validated, hostvars made (it registers itself with vm).
    play = pb.get_plays()[0].copy()
    play.post_validate(Templar(loader=loader, variables=vm.get_vars(play=play)))
    HostVars(inventory=inventory, variable_manager=vm, loader=loader)
    # The setup module's names (ansible_ prefixed): get_vars gives them as ansible_* and under ansible_facts.
    for host in inventory.get_hosts():
        vm.set_host_facts(host.name, {"ansible_" + k: v for k, v in spec.get("facts", {}).items()})
    walker = Walker(loader, inventory, vm, play, spec["project"])
    blocks = play.compile()
    for host in inventory.get_hosts(play.hosts):
        walker.walk(blocks, host)
    print(json.dumps(walker.out))


main()
