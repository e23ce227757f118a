#!/usr/bin/python3
# A stand-in `openstack` command for test/support-cookbook/support-openstack.test.ts: a tiny Keystone held in a JSON
# file ($FAKE_OS_STATE). Every call is appended to $FAKE_OS_LOG (OS_CLOUD, then argv); listings answer
# with the columns python-openstackclient 6 prints with -f json, changes edit the state. Only the
# commands and options A2C::OpenStack uses are known; anything else fails loudly.
import json
import os
import sys

LOG = os.environ['FAKE_OS_LOG']
STATE = os.environ['FAKE_OS_STATE']

argv = sys.argv[1:]
with open(LOG, 'a') as f:
    f.write(json.dumps([os.environ.get('OS_CLOUD', '')] + argv) + '\n')

try:
    with open(STATE) as f:
        db = json.load(f)
except FileNotFoundError:
    db = {}
for kind in ('domain', 'project', 'user', 'group', 'role', 'assignment', 'service', 'endpoint'):
    db.setdefault(kind, [])
db.setdefault('serial', 0)


def die(msg):
    sys.stderr.write(msg + '\n')
    sys.exit(1)


# Global options come first; the command words follow.
GLOBAL_WITH_VALUE = {'--os-auth-type', '--os-region-name', '--os-interface', '--os-cacert', '--os-cert', '--os-key'}
while argv and argv[0].startswith('--'):
    opt = argv.pop(0)
    if opt in GLOBAL_WITH_VALUE:
        argv.pop(0)
    elif opt != '--insecure':
        die('unknown global option ' + opt)

as_json = argv[-2:] == ['-f', 'json']
if as_json:
    argv = argv[:-2]

FLAGS = {'--long', '--enable', '--disable'}


def parse(words):
    opts, pos = {}, []
    while words:
        w = words.pop(0)
        if w in FLAGS:
            opts[w] = True
        elif w.startswith('--'):
            opts[w] = words.pop(0)
        else:
            pos.append(w)
    return opts, pos


def find(kind, ref, domain=None):
    rows = [r for r in db[kind] if domain is None or r.get('domain_id') == domain]
    hit = [r for r in rows if r['id'] == ref] or [r for r in rows if r.get('name') == ref]
    return hit[0] if hit else None


def need(kind, ref, domain=None):
    row = find(kind, ref, domain)
    if row is None:
        die('No %s with a name or ID of %s exists.' % (kind, ref))
    return row


def new_id(kind):
    db['serial'] += 1
    return '%s-%d' % (kind, db['serial'])


def dom_of(opts):
    return need('domain', opts['--domain'])['id'] if '--domain' in opts else None


def out(rows):
    if not as_json:
        die('listings are read with -f json')
    print(json.dumps(rows))
    return 'read'


def listing(kind, opts):
    d = dom_of(opts)
    rows = [r for r in db[kind] if d is None or r.get('domain_id') == d]
    if kind == 'domain':
        return out([{'ID': r['id'], 'Name': r['name'], 'Enabled': r['enabled'], 'Description': r.get('description', '')} for r in rows])
    if not opts.get('--long'):
        return out([{'ID': r['id'], 'Name': r['name']} for r in rows])
    if kind == 'project':
        return out([{'ID': r['id'], 'Name': r['name'], 'Domain ID': r['domain_id'], 'Description': r.get('description', ''), 'Enabled': r['enabled']} for r in rows])
    if kind == 'group':
        return out([{'ID': r['id'], 'Name': r['name'], 'Domain ID': r['domain_id'], 'Description': r.get('description', '')} for r in rows])
    if kind == 'user':
        return out([{'ID': r['id'], 'Name': r['name'], 'Project': r.get('default_project_id', ''), 'Domain': r['domain_id'],
                     'Description': r.get('description', ''), 'Email': r.get('email', ''), 'Enabled': r['enabled']} for r in rows])
    die('no --long listing of ' + kind)


def apply(row, opts):
    for opt, key in (('--description', 'description'), ('--email', 'email'), ('--password', 'password')):
        if opt in opts:
            row[key] = opts[opt]
    if '--project' in opts:
        row['default_project_id'] = need('project', opts['--project'])['id']
    if opts.get('--enable'):
        row['enabled'] = True
    if opts.get('--disable'):
        row['enabled'] = False


# Keystone's catalog: a service has a name, a type, enabled and a description only when one was given
# (`service show` prints the fields Keystone holds; the long listing shows a missing description as '');
# an endpoint has its service, interface, URL, enabled and an optional region. Deleting a service
# deletes its endpoints, as Keystone does.
def catalog(kind, verb, opts, pos):
    if kind == 'service' and verb == 'list':
        cols = [('ID', 'id'), ('Name', 'name'), ('Type', 'type')]
        if opts.get('--long'):
            cols += [('Description', 'description'), ('Enabled', 'enabled')]
        return out([{c: r.get(k, '') for c, k in cols} for r in db['service']])
    if kind == 'service' and verb == 'show':
        if not as_json:
            die('show is read with -f json')
        print(json.dumps({k: v for k, v in need('service', pos[0]).items()}))
        return 'read'
    if kind == 'service' and verb in ('create', 'set'):
        row = {'id': new_id('service'), 'name': opts.get('--name', ''), 'type': pos[0], 'enabled': True} if verb == 'create' else need('service', pos[0])
        for opt in ('--name', '--type', '--description'):
            if opt in opts:
                row[opt[2:]] = opts[opt]
        apply(row, {k: v for k, v in opts.items() if k in ('--enable', '--disable')})
        if verb == 'create':
            db['service'].append(row)
        return None
    if kind == 'service' and verb == 'delete':
        sid = need('service', pos[0])['id']
        db['service'] = [r for r in db['service'] if r['id'] != sid]
        db['endpoint'] = [e for e in db['endpoint'] if e['service_id'] != sid]
        return None
    if kind == 'endpoint' and verb == 'list':
        sid = need('service', opts['--service'])['id'] if '--service' in opts else None
        rows = [e for e in db['endpoint'] if (sid is None or e['service_id'] == sid)
                and e['interface'] == opts.get('--interface', e['interface']) and e.get('region') == opts.get('--region', e.get('region'))]
        svc = {r['id']: r for r in db['service']}
        return out([{'ID': e['id'], 'Region': e.get('region'), 'Service Name': svc[e['service_id']]['name'],
                     'Service Type': svc[e['service_id']]['type'], 'Enabled': e['enabled'], 'Interface': e['interface'],
                     'URL': e['url']} for e in rows])
    if kind == 'endpoint' and verb == 'create':
        service, interface, url = pos
        if interface not in ('admin', 'public', 'internal'):
            die('invalid interface ' + interface)
        row = {'id': new_id('endpoint'), 'service_id': need('service', service)['id'], 'interface': interface, 'url': url, 'enabled': True}
        if '--region' in opts:
            row['region'] = opts['--region']
        apply(row, opts)
        db['endpoint'].append(row)
        return None
    if kind == 'endpoint' and verb == 'set':
        row = need('endpoint', pos[0])
        if '--url' in opts:
            row['url'] = opts['--url']
        apply(row, opts)
        return None
    if kind == 'endpoint' and verb == 'delete':
        db['endpoint'].remove(need('endpoint', pos[0]))
        return None
    die('unknown command %s %s' % (kind, verb))


def main():
    words = list(argv)
    if words[:3] == ['role', 'assignment', 'list']:
        opts, _ = parse(words[3:])
        rows = [a for a in db['assignment'] if all(a.get(k[2:]) == v for k, v in opts.items())]
        return out([{'Role': a['role'], 'User': a.get('user', ''), 'Group': a.get('group', ''), 'Project': a.get('project', ''),
                     'Domain': a.get('domain', ''), 'System': '', 'Inherited': False} for a in rows])
    if words[:1] == ['role'] and words[1:2] in (['add'], ['remove']):
        opts, pos = parse(words[2:])
        grant = {'role': need('role', pos[0])['id']}
        for k in ('user', 'group', 'project', 'domain'):
            if '--' + k in opts:
                grant[k] = opts['--' + k]
        if words[1] == 'add':
            if grant not in db['assignment']:
                db['assignment'].append(grant)
        elif grant in db['assignment']:
            db['assignment'].remove(grant)
        else:
            die('Could not find role assignment')
        return None
    kind, verb = words[0], words[1]
    opts, pos = parse(words[2:])
    if kind in ('service', 'endpoint'):
        return catalog(kind, verb, opts, pos)
    if verb == 'list':
        return listing(kind, opts)
    if verb == 'create':
        name = pos[0]
        d = dom_of(opts) or ('default' if kind in ('project', 'user', 'group') else None)
        if find(kind, name, d if kind in ('project', 'user', 'group') else None):
            die('Conflict occurred attempting to store %s - Duplicate entry.' % kind)
        row = {'id': new_id(kind), 'name': name, 'enabled': True}
        if d is not None:
            row['domain_id'] = d
        apply(row, opts)
        db[kind].append(row)
        return None
    if verb == 'set':
        apply(need(kind, pos[0]), opts)
        return None
    if verb == 'delete':
        row = need(kind, pos[0])
        if kind == 'domain' and row['enabled']:
            die('Cannot delete a domain that is enabled, please disable it first.')
        db[kind].remove(row)
        return None
    die('unknown command ' + ' '.join(words))


# Listings leave the file as it is (the why-run test compares it byte for byte).
if main() != 'read':
    with open(STATE, 'w') as f:
        json.dump(db, f)
