// A user plugin: acme.cmdb.register becomes a file recording the registration.
import type { ModulePlugin } from 'ansible2chef';

const plugin: ModulePlugin = {
  apiVersion: 1,
  module: 'acme.cmdb.register',
  aliases: ['cmdb_register'],
  description: 'registration recorded in /etc/cmdb.d/<role>',
  params: { host: { status: 'converted' }, role: { status: 'converted' }, tier: { status: 'converted' } },
  translate(task, api) {
    const role = task.arg('role');
    const host = task.arg('host');
    if (!role || !host) return api.gap('A2C-TODO-PARAM', 'cmdb register needs host and role');
    const roleName = api.staticData(role);
    if (typeof roleName !== 'string') return api.gap('A2C-TODO-PARAM', 'role must be literal', role.span);
    const hostValue = api.value(host);
    if (api.isGap(hostValue)) return hostValue;
    return { stmts: [api.resource('file', api.str(`/etc/cmdb.d/${roleName}`), [['content', hostValue], ['mode', api.str('0644')]])] };
  },
};

export default plugin;
