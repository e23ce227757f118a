// The support cookbook's a2c_openstack_* resources (A2C::OpenStack behind them) without a live cloud: a
// stand-in `openstack` on PATH (test/tools/fake-openstack.py, a tiny Keystone in a JSON file) logs every
// call. Each step runs one resource's :manage action (test/tools/svcapi-resource.rb) and the test
// asserts the exact command lines: what openstack.cloud 1.10's module would do for the same arguments
// (read first; create when missing, set only what differs, delete when present with state absent;
// names resolved to IDs), and that Chef's why-run only reads.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const RESDIR = join(ROOT, 'src/support-cookbook/ruby/resources');
const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const LIST = ['-f', 'json'];
const haveClient = requireOrSkip('python3-openstackclient (the real client parses the command lines)', hasPythonModule('openstackclient'));

interface Run {
  converged: boolean;
  failed: boolean;
  said: string[];
  calls: string[][];
  clouds: string[];
}

describe.skipIf(!haveRuby)('a2c_openstack_* resources drive the openstack client as the modules drive Keystone', () => {
  let dir = '';
  const everyCall: string[][] = [];
  const state = () => join(dir, 'state.json');
  const db = () => JSON.parse(readFileSync(state(), 'utf8')) as Record<string, Array<Record<string, unknown>>>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-openstack-'));
    copyFileSync(join(ROOT, 'test/tools/fake-openstack.py'), join(dir, 'openstack'));
    chmodSync(join(dir, 'openstack'), 0o755);
    writeFileSync(
      state(),
      JSON.stringify({ domain: [{ id: 'default', name: 'Default', enabled: true, description: 'The default domain' }] }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** One :manage run; `calls` are the openstack argvs without the global options before the command. */
  function run(resource: string, properties: Record<string, unknown>, whyRun = false): Run {
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const r = spawnSync('ruby', [join(ROOT, 'test/tools/svcapi-resource.rb'), LIBDIR, RESDIR], {
      input: JSON.stringify([{ resource, properties }]),
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${dir}:${process.env['PATH']}`,
        FAKE_OS_LOG: log,
        FAKE_OS_STATE: state(),
        A2C_WHY_RUN: whyRun ? '1' : '0',
      },
    });
    if (r.status !== 0) throw new Error(`svcapi-resource.rb failed:\n${r.stderr}`);
    const [out] = JSON.parse(r.stdout) as Array<{ converged: boolean; said: string[]; failed: boolean }>;
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string[]);
    const calls = lines.map((l) => l.slice(1));
    everyCall.push(...calls);
    return { ...out!, clouds: lines.map((l) => l[0]!), calls };
  }
  /** The command lines without the global options in front (interface public is always passed). */
  const cmd = (r: Run) =>
    r.calls.map((c) => {
      let i = 0;
      while (c[i]?.startsWith('--')) i += c[i] === '--insecure' ? 1 : 2;
      return c.slice(i);
    });
  /** A run that converges reads twice (the why-run preview, then the change) before it writes. */
  const converging = (reads: string[][], ...writes: string[][]) => [...reads, ...reads, ...writes];

  it('identity_role: list, create when missing, nothing when present, delete by ID with state absent', () => {
    const create = run('openstack_role', { role_name: 'member', cloud: 'default' });
    expect(cmd(create)).toEqual(converging([['role', 'list', ...LIST]], ['role', 'create', 'member']));
    expect(create.converged).toBe(true);
    expect(create.clouds).toEqual(['default', 'default', 'default']);
    const again = run('openstack_role', { role_name: 'member', cloud: 'default' });
    expect(cmd(again)).toEqual([['role', 'list', ...LIST]]);
    expect(again.converged).toBe(false);
    const id = db()['role']![0]!['id'] as string;
    const drop = run('openstack_role', { role_name: 'member', state: 'absent' });
    expect(cmd(drop)).toEqual(converging([['role', 'list', ...LIST]], ['role', 'delete', id]));
    expect(run('openstack_role', { role_name: 'member', state: 'absent' }).calls).toHaveLength(1);
  });

  it('identity_domain: description and enabled set only when they differ; deleted after disabling', () => {
    const create = run('openstack_domain', { domain_name: 'ldap', description: 'LDAP users' });
    expect(cmd(create)).toEqual(
      converging([['domain', 'list', ...LIST]], ['domain', 'create', '--description', 'LDAP users', '--enable', 'ldap']),
    );
    const id = db()['domain']!.find((d) => d['name'] === 'ldap')!['id'] as string;
    // No description given: the module does not compare it; enabled (default true) matches.
    expect(run('openstack_domain', { domain_name: 'ldap' }).converged).toBe(false);
    const set = run('openstack_domain', { domain_name: 'ldap', description: 'Directory users' });
    expect(cmd(set)).toEqual(
      converging([['domain', 'list', ...LIST]], ['domain', 'set', '--description', 'Directory users', '--enable', id]),
    );
    const disable = run('openstack_domain', { domain_name: 'ldap', enabled: false });
    expect(cmd(disable)).toEqual(converging([['domain', 'list', ...LIST]], ['domain', 'set', '--disable', id]));
    run('openstack_domain', { domain_name: 'ldap', enabled: true });
    const drop = run('openstack_domain', { domain_name: 'ldap', state: 'absent' });
    expect(cmd(drop)).toEqual(converging([['domain', 'list', ...LIST]], ['domain', 'set', '--disable', id], ['domain', 'delete', id]));
    expect(db()['domain']!.map((d) => d['name'])).toEqual(['Default']);
  });

  it('project: the domain given by name is resolved to its ID and scopes the lookup', () => {
    const create = run('openstack_project', { project_name: 'service', domain: 'Default', description: 'Services' });
    expect(cmd(create)).toEqual(
      converging(
        [
          ['domain', 'list', ...LIST],
          ['project', 'list', '--long', '--domain', 'default', ...LIST],
        ],
        ['project', 'create', '--domain', 'default', '--description', 'Services', '--enable', 'service'],
      ),
    );
    const id = db()['project']![0]!['id'] as string;
    expect(run('openstack_project', { project_name: 'service', domain: 'default', description: 'Services' }).converged).toBe(false);
    expect(cmd(run('openstack_project', { project_name: 'service', enabled: false })).at(-1)).toEqual(['project', 'set', '--disable', id]);
    const drop = run('openstack_project', { project_name: id, state: 'absent' });
    expect(cmd(drop)).toEqual(converging([['project', 'list', '--long', ...LIST]], ['project', 'delete', id]));
  });

  it('identity_user: create with password and default project; on_create leaves the password, always sets it every run', () => {
    run('openstack_project', { project_name: 'service' });
    const pid = db()['project']![0]!['id'] as string;
    const create = run('openstack_user', { user_name: 'glance', password: 's3cret', default_project: 'service', email: 'g@example.com' });
    expect(cmd(create)).toEqual(
      converging(
        [
          ['user', 'list', '--long', ...LIST],
          ['project', 'list', ...LIST],
        ],
        ['user', 'create', '--project', pid, '--email', 'g@example.com', '--enable', '--password', 's3cret', 'glance'],
      ),
    );
    const uid = db()['user']![0]!['id'] as string;
    const same = run('openstack_user', { user_name: 'glance', password: 'other', default_project: 'service', email: 'g@example.com' });
    expect(same.converged).toBe(false);
    expect(db()['user']![0]!['password']).toBe('s3cret');
    const email = run('openstack_user', { user_name: 'glance', email: 'glance@example.com' });
    expect(cmd(email).at(-1)).toEqual(['user', 'set', '--email', 'glance@example.com', '--enable', uid]);
    for (let i = 0; i < 2; i++) {
      const always = run('openstack_user', { user_name: 'glance', password: 'n3w', update_password: 'always' });
      expect(always.converged).toBe(true);
      expect(cmd(always).at(-1)).toEqual(['user', 'set', '--enable', '--password', 'n3w', uid]);
    }
    const nopw = run('openstack_user', { user_name: 'glance', update_password: 'always' });
    expect(nopw).toMatchObject({ failed: true, said: ['update_password is always but a password value is missing'] });
    const badProject = run('openstack_user', { user_name: 'nova', default_project: 'nope' });
    expect(badProject).toMatchObject({ failed: true, said: ['Default project nope is not valid'] });
    expect(cmd(run('openstack_user', { user_name: 'glance', state: 'absent' })).at(-1)).toEqual(['user', 'delete', uid]);
  });

  it('identity_group: only the description is updated', () => {
    const create = run('openstack_group', { group_name: 'federated', domain_id: 'default' });
    expect(cmd(create)).toEqual(
      converging([['group', 'list', '--long', '--domain', 'default', ...LIST]], ['group', 'create', '--domain', 'default', 'federated']),
    );
    const gid = db()['group']![0]!['id'] as string;
    expect(run('openstack_group', { group_name: 'federated' }).converged).toBe(false);
    expect(cmd(run('openstack_group', { group_name: 'federated', description: 'IdP users' })).at(-1)).toEqual([
      'group',
      'set',
      '--description',
      'IdP users',
      gid,
    ]);
  });

  it('role_assignment: names resolved to IDs, the assignment listed, added once, removed with state absent', () => {
    run('openstack_role', { role_name: 'admin' });
    run('openstack_project', { project_name: 'service' });
    run('openstack_user', { user_name: 'glance' });
    const [rid, pid, uid] = [db()['role']![0]!['id'], db()['project']![0]!['id'], db()['user']![0]!['id']] as [string, string, string];
    const props = { role: 'admin', user: 'glance', project: 'service' };
    const grant = run('openstack_role_assignment', props);
    const reads = [
      ['role', 'list', ...LIST],
      ['user', 'list', ...LIST],
      ['project', 'list', ...LIST],
      ['role', 'assignment', 'list', '--role', rid, '--user', uid, '--project', pid, ...LIST],
    ];
    expect(cmd(grant)).toEqual(converging(reads, ['role', 'add', '--user', uid, '--project', pid, rid]));
    expect(cmd(run('openstack_role_assignment', props))).toEqual(reads);
    // A domain narrows the name lookups; the grant goes to the domain when no project is given.
    const onDomain = run('openstack_role_assignment', { role: 'admin', user: 'glance', domain: 'Default' });
    expect(cmd(onDomain)).toEqual([
      ['role', 'list', ...LIST],
      ['domain', 'list', ...LIST],
      ['user', 'list', '--domain', 'default', ...LIST],
      ['role', 'assignment', 'list', '--role', rid, '--user', uid, ...LIST],
    ]);
    expect(onDomain.converged).toBe(false); // the module's filter has no domain: the project assignment matches
    expect(cmd(run('openstack_role_assignment', { ...props, state: 'absent' })).at(-1)).toEqual([
      'role',
      'remove',
      '--user',
      uid,
      '--project',
      pid,
      rid,
    ]);
    expect(db()['assignment']).toEqual([]);
    expect(run('openstack_role_assignment', { ...props, role: 'nope' })).toMatchObject({ failed: true, said: ['Role nope is not valid'] });
    expect(run('openstack_role_assignment', { ...props, user: 'nobody' })).toMatchObject({
      failed: true,
      said: ['User nobody is not valid'],
    });
  });

  it('catalog_service: found by name and type; description and enabled compared as the module compares them', () => {
    const create = run('openstack_service', { service_name: 'glance', service_type: 'image', description: 'Image service' });
    expect(cmd(create)).toEqual(
      converging(
        [['service', 'list', '--long', ...LIST]],
        ['service', 'create', '--name', 'glance', '--description', 'Image service', '--enable', 'image'],
      ),
    );
    const sid = db()['service']![0]!['id'] as string;
    const again = run('openstack_service', { service_name: 'glance', service_type: 'image', description: 'Image service' });
    expect(cmd(again)).toEqual([
      ['service', 'list', '--long', ...LIST],
      ['service', 'show', sid, ...LIST],
    ]);
    expect(again.converged).toBe(false);
    // Another type is another service (a name is unique only with its type).
    const other = run('openstack_service', { service_name: 'glance', service_type: 'image-v1' });
    expect(cmd(other).at(-1)).toEqual(['service', 'create', '--name', 'glance', '--enable', 'image-v1']);
    const describe = run('openstack_service', { service_name: 'glance', service_type: 'image', description: 'Glance' });
    // The module's update sends name, type and enabled, and the description when one is given.
    expect(cmd(describe).at(-1)).toEqual([
      'service',
      'set',
      '--name',
      'glance',
      '--type',
      'image',
      '--description',
      'Glance',
      '--enable',
      sid,
    ]);
    const disable = run('openstack_service', { service_name: 'glance', service_type: 'image', description: 'Glance', enabled: false });
    expect(cmd(disable).at(-1)).toEqual([
      'service',
      'set',
      '--name',
      'glance',
      '--type',
      'image',
      '--description',
      'Glance',
      '--disable',
      sid,
    ]);
    expect(db()['service']![0]).toMatchObject({ name: 'glance', type: 'image', description: 'Glance', enabled: false });
    // No description given while Keystone holds one: the module sees a difference on every run, and
    // its update (without a description) leaves the description as it is.
    for (let i = 0; i < 2; i++) {
      const quirk = run('openstack_service', { service_name: 'glance', service_type: 'image', enabled: false });
      expect(quirk.converged).toBe(true);
      expect(cmd(quirk).at(-1)).toEqual(['service', 'set', '--name', 'glance', '--type', 'image', '--disable', sid]);
    }
    expect(db()['service']![0]).toMatchObject({ description: 'Glance' });
    // An empty description is not passed on create (the module passes it only when truthy), so
    // Keystone holds none, which the module's comparison tells from '': an update on every run.
    const empty = run('openstack_service', { service_name: 'swift', service_type: 'object-store', description: '' });
    expect(cmd(empty).at(-1)).toEqual(['service', 'create', '--name', 'swift', '--enable', 'object-store']);
    const swift = db()['service']!.find((r) => r['name'] === 'swift')!['id'] as string;
    const emptyAgain = run('openstack_service', { service_name: 'swift', service_type: 'object-store', description: '' });
    expect(cmd(emptyAgain).at(-1)).toEqual(['service', 'set', '--name', 'swift', '--type', 'object-store', '--enable', swift]);
    expect(run('openstack_service', { service_name: 'swift', service_type: 'object-store' }).converged).toBe(false);
    run('openstack_service', { service_name: 'swift', service_type: 'object-store', state: 'absent' });
    // The ID as the name: found, and the module's update sets the name to it.
    const byId = run('openstack_service', { service_name: sid, service_type: 'image', description: 'Glance' });
    expect(cmd(byId).at(-1)).toEqual(['service', 'set', '--name', sid, '--type', 'image', '--description', 'Glance', '--enable', sid]);
    const drop = run('openstack_service', { service_name: sid, service_type: 'image', state: 'absent' });
    expect(cmd(drop)).toEqual(converging([['service', 'list', '--long', ...LIST]], ['service', 'delete', sid]));
    expect(run('openstack_service', { service_name: sid, service_type: 'image', state: 'absent' }).converged).toBe(false);
    // An empty name filters nothing (openstacksdk searches by name only when one is given): the one
    // image-v1 service is found, and as nothing the module compares differs, left as it is.
    const unnamed = run('openstack_service', { service_name: '', service_type: 'image-v1' });
    expect(unnamed.converged).toBe(false);
    expect(cmd(unnamed).at(-1)).toEqual(['service', 'show', db()['service']![0]!['id'] as string, ...LIST]);
    // An empty type filters nothing either: the name alone finds the image-v1 service.
    expect(run('openstack_service', { service_name: 'glance', service_type: '' }).converged).toBe(false);
    // Two services of one name and type (Keystone allows it): the module fails.
    run('openstack_service', { service_name: 'glance', service_type: 'image-v1', state: 'absent' });
    for (let i = 0; i < 2; i++) {
      const dup = JSON.parse(readFileSync(state(), 'utf8')) as Record<string, unknown[]>;
      dup['service'] = [...(dup['service'] ?? []), { id: `dup-${i}`, name: 'nova', type: 'compute', enabled: true }];
      writeFileSync(state(), JSON.stringify(dup));
    }
    expect(run('openstack_service', { service_name: 'nova', service_type: 'compute' })).toMatchObject({
      failed: true,
      said: ['Service name nova and type compute are not unique'],
    });
    // openstacksdk would match a name holding * or ? as a pattern: refused, not guessed.
    expect(run('openstack_service', { service_name: 'no*', service_type: 'compute' })).toMatchObject({
      failed: true,
      said: ['"no*" would be matched by openstacksdk as a pattern; not converted'],
    });
  });

  it('endpoint: service resolved to its ID; found by service, interface and region; url and enabled set together', () => {
    run('openstack_service', { service_name: 'glance', service_type: 'image' });
    const sid = db()['service']![0]!['id'] as string;
    const props = { service: 'glance', endpoint_interface: 'public', url: 'http://ctl:9292', region: 'RegionOne' };
    const reads = [
      ['service', 'list', ...LIST],
      ['endpoint', 'list', '--service', sid, '--interface', 'public', '--region', 'RegionOne', ...LIST],
    ];
    const create = run('openstack_endpoint', props);
    expect(cmd(create)).toEqual(
      converging(reads, ['endpoint', 'create', '--region', 'RegionOne', '--enable', sid, 'public', 'http://ctl:9292']),
    );
    const eid = db()['endpoint']![0]!['id'] as string;
    const again = run('openstack_endpoint', props);
    expect(cmd(again)).toEqual(reads);
    expect(again.converged).toBe(false);
    const moved = run('openstack_endpoint', { ...props, url: 'https://ctl:9292' });
    expect(cmd(moved)).toEqual(converging(reads, ['endpoint', 'set', '--url', 'https://ctl:9292', '--enable', eid]));
    const disable = run('openstack_endpoint', { ...props, url: 'https://ctl:9292', enabled: false });
    expect(cmd(disable).at(-1)).toEqual(['endpoint', 'set', '--url', 'https://ctl:9292', '--disable', eid]);
    expect(db()['endpoint']).toEqual([
      { id: eid, service_id: sid, interface: 'public', url: 'https://ctl:9292', enabled: false, region: 'RegionOne' },
    ]);
    // Another region is another endpoint.
    const two = run('openstack_endpoint', { ...props, region: 'RegionTwo' });
    expect(cmd(two).at(-1)).toEqual(['endpoint', 'create', '--region', 'RegionTwo', '--enable', sid, 'public', 'http://ctl:9292']);
    // With no region the module filters by service and interface only: two public endpoints now match.
    expect(run('openstack_endpoint', { service: 'glance', endpoint_interface: 'public', url: 'http://ctl:9292' })).toMatchObject({
      failed: true,
      said: ['Service glance, interface public and region None are not unique'],
    });
    const drop = run('openstack_endpoint', { ...props, state: 'absent' });
    expect(cmd(drop)).toEqual(converging(reads, ['endpoint', 'delete', eid]));
    expect(run('openstack_endpoint', { ...props, state: 'absent' }).converged).toBe(false);
    // One left (RegionTwo): with no region it is the one found, whatever its region.
    const anyRegion = run('openstack_endpoint', { service: sid, endpoint_interface: 'public', url: 'http://ctl:9292' });
    expect(cmd(anyRegion)).toEqual([
      ['service', 'list', ...LIST],
      ['endpoint', 'list', '--service', sid, '--interface', 'public', ...LIST],
    ]);
    expect(anyRegion.converged).toBe(false);
    // A service nobody finds: nothing to delete with state absent; a failure with state present.
    expect(run('openstack_endpoint', { ...props, service: 'nova', state: 'absent' })).toMatchObject({ converged: false, failed: false });
    expect(run('openstack_endpoint', { ...props, service: 'nova' })).toMatchObject({ failed: true, said: ['Service nova does not exist'] });
    // Empty values the client would read otherwise than the module: refused before any call.
    const emptyRegion = run('openstack_endpoint', { ...props, region: '' });
    expect(emptyRegion).toMatchObject({
      failed: true,
      said: ['an empty region is not converted: the openstack client lists every region for it'],
    });
    expect(emptyRegion.calls).toEqual([]);
    expect(run('openstack_endpoint', { ...props, url: '' })).toMatchObject({
      failed: true,
      said: ['an empty url is not converted: openstacksdk creates no endpoint for it'],
    });
    // With state absent the module never reads the url.
    expect(run('openstack_endpoint', { ...props, url: '', state: 'absent' })).toMatchObject({ failed: false });
  });

  it('endpoint in a loop over the interfaces: one endpoint each, a re-run changes nothing, deleting the service drops them', () => {
    run('openstack_service', { service_name: 'keystone', service_type: 'identity' });
    const sid = db()['service']![0]!['id'] as string;
    const urls: Record<string, string> = { admin: 'http://ctl:5000', internal: 'http://ctl:5000', public: 'https://api:5000' };
    for (const [endpoint_interface, url] of Object.entries(urls)) {
      const r = run('openstack_endpoint', { service: 'keystone', endpoint_interface, url, region: 'RegionOne', cloud: 'default' });
      expect(cmd(r).at(-1)).toEqual(['endpoint', 'create', '--region', 'RegionOne', '--enable', sid, endpoint_interface, url]);
    }
    for (const [endpoint_interface, url] of Object.entries(urls))
      expect(run('openstack_endpoint', { service: 'keystone', endpoint_interface, url, region: 'RegionOne' }).converged).toBe(false);
    expect(db()['endpoint']!.map((e) => [e['interface'], e['url']])).toEqual(Object.entries(urls));
    run('openstack_service', { service_name: 'keystone', service_type: 'identity', state: 'absent' });
    expect(db()['endpoint']).toEqual([]);
  });

  it("why-run only reads: converge_by says what would change, the client's writes never run", () => {
    run('openstack_service', { service_name: 'nova', service_type: 'compute' });
    const before = readFileSync(state(), 'utf8');
    const steps: Array<[string, Record<string, unknown>]> = [
      ['openstack_role', { role_name: 'member' }],
      ['openstack_domain', { domain_name: 'Default', description: 'changed' }],
      ['openstack_project', { project_name: 'service', domain: 'default' }],
      ['openstack_user', { user_name: 'glance', password: 'p' }],
      ['openstack_group', { group_name: 'g' }],
      ['openstack_service', { service_name: 'glance', service_type: 'image' }],
      ['openstack_service', { service_name: 'nova', service_type: 'compute', description: 'Compute' }],
      ['openstack_endpoint', { service: 'nova', endpoint_interface: 'internal', url: 'http://ctl:8774' }],
    ];
    for (const [resource, props] of steps) {
      const r = run(resource, props, true);
      expect(r.converged, resource).toBe(true);
      expect(
        r.calls.every((c) => c.includes('list') || c.includes('show')),
        JSON.stringify(r.calls),
      ).toBe(true);
    }
    expect(readFileSync(state(), 'utf8')).toBe(before);
  });

  it('connection arguments: cloud in OS_CLOUD, auth as OS_ variables, interface, region and TLS as global options', () => {
    const r = run('openstack_role', {
      role_name: 'member',
      cloud: 'admin-cloud',
      interface: 'admin',
      region_name: 'RegionTwo',
      validate_certs: false,
      ca_cert: '/etc/ssl/ca.pem',
    });
    expect(r.clouds).toEqual(['admin-cloud', 'admin-cloud', 'admin-cloud']);
    expect(r.calls[0]).toEqual([
      '--os-region-name',
      'RegionTwo',
      '--os-interface',
      'admin',
      '--insecure',
      '--os-cacert',
      '/etc/ssl/ca.pem',
      'role',
      'list',
      ...LIST,
    ]);
    const auth = spawnSync(
      'ruby',
      [
        '-e',
        `require '${join(LIBDIR, 'a2c_openstack')}'; c = A2C::OpenStack::Cli.new(auth: { 'auth_url' => 'https://k:5000/v3', 'username' => 'admin' }); p c.instance_variable_get(:@env)`,
      ],
      { encoding: 'utf8' },
    );
    expect(auth.stdout.trim()).toBe('{"OS_AUTH_URL"=>"https://k:5000/v3", "OS_USERNAME"=>"admin"}');
  });

  it.skipIf(!haveClient)(
    'every command line run above is one python-openstackclient parses (global options and command)',
    () => {
      const unique = [...new Map(everyCall.map((c) => [JSON.stringify(c), c])).values()];
      expect(unique.length).toBeGreaterThan(30);
      const r = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/openstack-argv-check.py')], {
        input: JSON.stringify([...unique, ['domain', 'create', '--bogus', 'x']]),
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(r.stderr);
      const verdicts = JSON.parse(r.stdout) as Array<string | null>;
      expect(verdicts.pop(), 'the check rejects an unknown option').toMatch(/rejected/);
      expect(unique.filter((_, i) => verdicts[i] !== null)).toEqual([]);
    },
    120_000,
  );
});
