# Ansible's own pkg_mgr collectors (ansible-core, Debian's package) on described hosts: stdin is a
# JSON list of {os_family, distribution, major, paths, rpm_provides_apt_get}; stdout the values
# in order ("error: <type>" where the collector raises). Which files exist and what the rpm query
# answers are the only things replaced.
import json
import subprocess
import sys

from ansible.module_utils.facts.system import pkg_mgr as mod

cases = json.load(sys.stdin)
out = []
real_exists = mod.os.path.exists
for c in cases:
    paths = set(c['paths'])

    def check_call(args, **kwargs):
        if not c['rpm_provides_apt_get']:
            raise subprocess.CalledProcessError(1, args)
        return 0

    mod.os.path.exists = lambda p: p in paths
    mod.subprocess.check_call = check_call
    facts = {
        'ansible_os_family': c['os_family'],
        'ansible_distribution': c['distribution'],
        'ansible_distribution_major_version': c['major'],
    }
    collector = mod.OpenBSDPkgMgrFactCollector() if c['os_family'] == 'OpenBSD' else mod.PkgMgrFactCollector()
    try:
        out.append(collector.collect(collected_facts=facts)['pkg_mgr'])
    except Exception as e:  # the collector's own failure, compared by type
        out.append('error: ' + type(e).__name__)
    finally:
        mod.os.path.exists = real_exists
json.dump(out, sys.stdout)
