# Ansible's own Linux virtualization collector (ansible-core, Debian's package) on described hosts:
# stdin is a JSON list of {files: {path: base64 text | null (unreadable)}, dirs: [path]}; stdout the
# virtualization_type values in order ("error: <type>" where the collector raises). Only what
# exists and what files hold are replaced; no command is found (lscpu, dmidecode).
import base64
import io
import json
import os
import sys

from ansible.module_utils.facts import utils
from ansible.module_utils.facts.virtual import linux


class NoCommands:
    def get_bin_path(self, *args, **kwargs):
        return None


class FakeFile(io.StringIO):
    def fileno(self):
        raise OSError('not a real file')


cases = json.load(sys.stdin)
out = []
real = (os.path.exists, os.path.isdir, os.access, linux.glob.glob)
for c in cases:
    files, dirs = c['files'], set(c['dirs'])

    def fake_open(path, *args, **kwargs):
        if files.get(path) is None:
            raise PermissionError(path)
        # Python decodes with the locale's UTF-8; bytes that are not UTF-8 raise here.
        return FakeFile(base64.b64decode(files[path]).decode('utf-8'))

    os.path.exists = lambda p: p in files or p in dirs
    os.path.isdir = lambda p: p in dirs
    os.access = lambda p, mode: p in dirs or files.get(p) is not None
    linux.glob.glob = lambda pattern: []
    utils.open = fake_open
    try:
        out.append(linux.LinuxVirtual(NoCommands()).get_virtual_facts()['virtualization_type'])
    except Exception as e:  # the collector's own failure, compared by type
        out.append('error: ' + type(e).__name__)
    finally:
        os.path.exists, os.path.isdir, os.access, linux.glob.glob = real
        del utils.open
json.dump(out, sys.stdout)
