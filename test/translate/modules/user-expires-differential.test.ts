// user expires: the date the converted expire_date holds is the one the real Ansible user module
// passes to useradd/usermod -e (its Linux DATE_FORMAT over time.gmtime of the float argument),
// whatever the time zone the module runs in.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { utcDate } from '../../../src/translate/modules/user.js';
import { hasPythonModule, requireOrSkip } from '../../helpers/real-tools.js';

const VALUES = ['0', '1422403387', '1422403199.999', '86399', '86400', '951782400', '4102444799', '253402300799'];

const SCRIPT = `
import json, sys, time
from ansible.modules.user import User
out = []
for v in json.loads(sys.argv[1]):
    out.append(time.strftime(User.DATE_FORMAT, time.gmtime(float(v))))
print(json.dumps(out))
`;

describe.skipIf(!requireOrSkip('ansible-core', hasPythonModule('ansible.modules.user')))('user expires against the real module', () => {
  for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
    it(`gives the module's -e date with TZ=${tz}`, () => {
      const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT, JSON.stringify(VALUES)], {
        encoding: 'utf8',
        env: { ...process.env, TZ: tz },
      });
      expect(r.status, r.stderr).toBe(0);
      const expected = JSON.parse(r.stdout) as string[];
      expect(VALUES.map((v) => utcDate(Number(v)))).toEqual(expected);
    });
  }
});
