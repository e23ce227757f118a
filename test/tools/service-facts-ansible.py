# service_facts' scan classes (ansible-core 2.14) over canned command output: the `services` fact
# the module would return. stdin: JSON list of cases {bins, systemd, outputs: {command line: [rc, stdout]}};
# stdout: JSON list of the facts (None where the module finds no service).
import json
import sys

from ansible.modules import service_facts as sf


class FakeModule:
    def __init__(self, case):
        self.case = case

    def get_bin_path(self, name, required=False, opt_dirs=None):
        return self.case['bins'].get(name)

    def run_command(self, cmd, use_unsafe_shell=False):
        rc, out = self.case['outputs'].get(cmd, [127, ''])
        return rc, out, ''

    def warn(self, msg):
        pass

    def fail_json(self, **kw):
        raise RuntimeError(kw['msg'])


out = []
for case in json.load(sys.stdin):
    module = FakeModule(case)
    sf.SystemctlScanService.systemd_enabled = lambda self, on=case['systemd']: on
    found = {}
    for cls in (sf.ServiceScanService, sf.SystemctlScanService):
        got = cls(module).gather_services()
        if got:
            found.update(got)
    out.append(found or None)
print(json.dumps(out))
