#!/usr/bin/python3
"""A stand-in for ufw with the same command line and status output shapes, its state in a JSON file
($A2C_UFW_STATE), every call logged to $A2C_UFW_STATE.log. It lets a test run both Ansible's ufw
module and A2C::Ufw without touching the machine's firewall."""
import json
import os
import sys

path = os.environ["A2C_UFW_STATE"]
state = {"active": False, "logging": "off", "level": "low", "defaults": {"incoming": "deny", "outgoing": "allow", "routed": "disabled"}, "rules": []}
if os.path.exists(path):
    with open(path) as f:
        state = json.load(f)
args = sys.argv[1:]
with open(path + ".log", "a") as f:
    f.write(json.dumps(args) + "\n")
PROFILES = {"OpenSSH"}


def save():
    with open(path, "w") as f:
        json.dump(state, f, sort_keys=True)


def fail(msg):
    print("ERROR: " + msg, file=sys.stderr)
    sys.exit(1)


dry = False
if args[:1] == ["--dry-run"]:
    dry, args = True, args[1:]
if args == ["--version"]:
    print("ufw 0.36.2\nCopyright 2008-2021 Canonical Ltd.")
elif args in (["status", "verbose"], ["status", "numbered"]):
    if not state["active"]:
        print("Status: inactive")
    else:
        print("Status: active")
        if args[1] == "verbose":
            log = "off" if state["logging"] == "off" else "on (%s)" % state["level"]
            d = state["defaults"]
            print("Logging: " + log)
            print("Default: %s (incoming), %s (outgoing), %s (routed)" % (d["incoming"], d["outgoing"], d["routed"]))
            print("New profiles: skip\n")
        for i, r in enumerate(state["rules"], 1):
            print(("[%2d] " % i if args[1] == "numbered" else "") + r)
elif args[:1] == ["-f"] and len(args) == 2:
    if args[1] == "enable":
        state["active"] = True
        print("Firewall is active and enabled on system startup")
    elif args[1] == "disable":
        state["active"] = False
        print("Firewall stopped and disabled on system startup")
    elif args[1] == "reload":
        print("Firewall reloaded" if state["active"] else "Firewall not enabled (skipping reload)")
    elif args[1] == "reset":
        state["active"], state["rules"] = False, []
    else:
        fail("Invalid syntax")
    save()
elif args[:1] == ["logging"] and len(args) == 2:
    if args[1] not in ("on", "off", "low", "medium", "high", "full"):
        fail("Invalid log level '%s'" % args[1])
    if args[1] == "off":
        state["logging"] = "off"
    else:
        state["logging"] = "on"
        if args[1] != "on":
            state["level"] = args[1]
    print("Logging " + ("disabled" if args[1] == "off" else "enabled"))
    save()
elif args[:1] == ["default"] and len(args) in (2, 3):
    state["defaults"][args[2] if len(args) == 3 else "incoming"] = args[1]
    print("Default policy changed")
    save()
else:
    words = list(args)
    delete = "delete" in words
    if delete:
        words.remove("delete")
    if len(words) >= 2 and words[0] == "insert":
        words = words[2:]
    if not words or words[0] not in ("allow", "deny", "reject", "limit", "route"):
        fail("Invalid syntax")
    if "app" in words and words[words.index("app") + 1] not in PROFILES:
        fail("Could not find a profile matching '%s'" % words[words.index("app") + 1])
    if "port" in words and not words[words.index("port") + 1].replace(":", "").isdigit():
        fail("Bad port")
    rule = " ".join(words)
    if delete:
        if rule not in state["rules"]:
            print("Could not delete non-existent rule")
        elif dry:
            print("### tuple ### deleted")
        else:
            state["rules"].remove(rule)
            print("Rule deleted")
    elif rule in state["rules"]:
        print("Skipping adding existing rule")
    elif dry:
        print("### tuple ### %s\n" % rule)
    else:
        state["rules"].append(rule)
        print("Rule added")
    if not dry:
        save()
