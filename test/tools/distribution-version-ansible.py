# Ansible's distribution_version (ansible-core's Distribution collector over the distro library)
# on described hosts: stdin is a JSON list of {files: {path: text}, lsb: text or null}; stdout
# the values in order ("error: <type>" where the collector raises). Each host's files are
# written under a temporary root that the distro library and Ansible's distribution parsers
# read instead of /; the lsb_release output is the one thing handed over directly.
import json
import os
import sys
import tempfile

import distro
from ansible.module_utils.common import sys_info
from ansible.module_utils.facts.system import distribution as mod

real_exists, real_content, real_lines = mod._file_exists, mod.get_file_content, mod.get_file_lines


class Module:
    def get_bin_path(self, *args, **kwargs):
        return None

    def run_command(self, *args, **kwargs):
        return 1, '', ''

    def warn(self, *args):
        pass


cases = json.load(sys.stdin)
out = []
for c in cases:
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, 'etc'))
        for path, text in c['files'].items():
            full = os.path.join(root, path.lstrip('/'))
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, 'w', encoding='utf-8', newline='') as f:
                f.write(text)
        under = lambda p: os.path.join(root, p.lstrip('/'))
        mod._file_exists = lambda p, allow_empty=False: real_exists(under(p), allow_empty)
        mod.get_file_content = lambda p, *a, **k: real_content(under(p), *a, **k)
        mod.get_file_lines = lambda p, *a, **k: real_lines(under(p), *a, **k)
        linux = distro.distro.LinuxDistribution(root_dir=root, include_lsb=False, include_uname=False)
        lsb = c['lsb']
        linux.__dict__['_lsb_release_info'] = {} if lsb is None else linux._parse_lsb_release_content(lsb.splitlines())
        distro.distro._distro = linux
        try:
            out.append(mod.Distribution(Module()).get_distribution_facts()['distribution_version'])
        except Exception as e:  # the collector's own failure, compared by type
            out.append('error: ' + type(e).__name__)
        finally:
            mod._file_exists, mod.get_file_content, mod.get_file_lines = real_exists, real_content, real_lines
json.dump(out, sys.stdout)
