#!/usr/bin/python3
# Parses command lines with python-openstackclient's own parsers (global options, then the identity v3
# command's options), without a cloud: stdin a JSON list of argvs (without `openstack`), stdout for
# each null when the client accepts it, else why not. Used by test/support-cookbook/support-openstack.test.ts to check
# that the command lines A2C::OpenStack runs are ones the real client takes.
import json
import sys

from openstackclient import shell

app = shell.OpenStackShell()
global_parser = app.build_option_parser('openstack', '6')
app.command_manager.add_command_group('openstack.identity.v3')
out = []
for argv in json.load(sys.stdin):
    try:
        _, rest = global_parser.parse_known_args(argv)
        factory, name, sub = app.command_manager.find_command(rest)
        factory(app, None).get_parser('openstack ' + name).parse_args(sub)
        out.append(None)
    except SystemExit:
        out.append('rejected by the parser of openstack ' + ' '.join(rest[:3]))
    except Exception as e:  # an unknown command
        out.append(str(e))
json.dump(out, sys.stdout)
