// cron, modprobe, apt repositories and keys, deb822 sources, OpenSSL keys and certificates.
import { bool, call as rcall, int, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticString, translateValue } from '../values.js';
import { bare, required } from './common.js';
import { strictBool } from '../task/strict-bool.js';
import { mapParams, resource } from './params.js';
import { coerceArg } from './coerce.js';
import type { ModuleTranslator } from './types.js';
import type { Property } from '../../ir/chef-ir.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };

export const cronModule: ModuleTranslator = (call) => {
  const cronFileNode = call.arg('cron_file');
  const cronFile = cronFileNode && cronFileInCronD(staticString(cronFileNode));
  if (cronFileNode && cronFile === undefined) {
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'cron_file must be a static file name in /etc/cron.d without dots (cron_d turns dots into dashes)',
      cronFileNode.span,
    );
  }
  const m = mapParams(call);
  if (failed(m)) return m;
  const special = m.properties.find((p) => p.name === 'time');
  if (special) {
    // Ansible's special_time values (reboot, daily, ...) are Chef's too: cron takes them as a
    // symbol, cron_d as the '@name' crontab shorthand in predefined_value.
    // A templated value is turned the same way when the recipe compiles; Chef validates it as
    // Ansible validates its choices.
    const v = special.value;
    if (v.k === 'lazy')
      return new Untranslatable('A2C-TODO-PARAM', 'special_time from a registered result is not converted', call.arg('special_time')!.span);
    if (cronFile !== undefined) special.value = v.k === 'str' ? str(`@${v.v}`) : { k: 'interp', parts: ['@', v] };
    // special_time is a str argument: a templated value is text already (A2C::Tasks.to_str).
    else special.value = v.k === 'str' ? { k: 'sym', v: v.v } : { k: 'call', recv: v, name: 'to_sym', args: [], noParens: true };
    if (cronFile !== undefined) special.name = 'predefined_value';
  }
  if (cronFile !== undefined) {
    // cron_d writes /etc/cron.d/<name>; the Ansible cron_file names that file.
    m.properties = m.properties.filter((p) => p.name !== 'name');
    return { stmts: [resource(call, 'cron_d', { ...m, name: str(cronFile) }, str(cronFile))] };
  }
  return { stmts: [resource(call, 'cron', m, str('cron'))] };
};

/** The cron_d name for an Ansible cron_file (relative names are under /etc/cron.d), if cron_d writes that file. */
function cronFileInCronD(file: string | undefined): string | undefined {
  const name = file?.startsWith('/etc/cron.d/') ? file.slice('/etc/cron.d/'.length) : file;
  return name !== undefined && /^[A-Za-z0-9_-]+$/.test(name) ? name : undefined;
}

/**
 * seboolean -> selinux_boolean. Ansible's persistent defaults to false, Chef's to true, so the
 * Ansible default is written out; state is required by the module.
 */
export const sebooleanModule: ModuleTranslator = (call) => {
  if (!call.arg('state')) return new Untranslatable('A2C-TODO-PARAM', 'seboolean needs state', call.task.span);
  const m = mapParams(call, { skip: new Set(['state', 'persistent']) });
  if (failed(m)) return m;
  // Both are module booleans (yes/no/on/off...): converted as Ansible converts them.
  for (const [arg, property] of [
    ['state', 'value'],
    ['persistent', 'persistent'],
  ] as const) {
    const node = call.arg(arg);
    const v = node ? strictBool(node, arg, call.scope) : bool(false);
    if (failed(v)) return v;
    m.properties.push({ name: property, value: v });
  }
  return { stmts: [resource(call, 'selinux_boolean', m, str('selinux_boolean'))] };
};

/**
 * seport: one selinux_port per literal port. The module takes a list (or a comma-separated string)
 * of ports or low-high ranges; selinux_port takes one port, so a range or a templated list is a TODO.
 */
export const seportModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['ports', 'proto', 'setype', 'state']) });
  if (failed(m)) return m;
  const portsNode = call.arg('ports');
  const proto = staticString(call.arg('proto'));
  const setype = call.arg('setype');
  const state = call.arg('state') ? staticString(call.arg('state')) : 'present';
  if (!portsNode || !setype || (proto !== 'tcp' && proto !== 'udp'))
    return new Untranslatable('A2C-TODO-PARAM', 'seport needs ports, setype and a literal proto tcp or udp', call.task.span);
  if (state !== 'present' && state !== 'absent')
    return new Untranslatable('A2C-TODO-PARAM', 'seport state must be a literal present or absent', call.arg('state')!.span);
  const items = portsNode.kind === 'seq' ? portsNode.items : [portsNode];
  const ports = items.flatMap((n) => (staticString(n) ?? '\0').split(',')).map((p) => p.trim());
  if (ports.some((p) => !/^\d+$/.test(p)))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'seport ports must be literal single ports: selinux_port takes one port, not a range or a list chosen at run time',
      portsNode.span,
    );
  const type = translateValue(setype, call.scope);
  if (failed(type)) return type;
  const stmts = ports.map((port) => {
    const r = resource(
      call,
      'selinux_port',
      {
        properties: [{ name: 'protocol', value: str(proto) }, ...(state === 'present' ? [{ name: 'secontext', value: type }] : [])],
        actions: [state === 'present' ? 'manage' : 'delete'],
        notes: [],
      },
      str(port),
    );
    if (m.notes.length) r.notes = [...m.notes];
    return r;
  });
  return { stmts };
};

/**
 * sefcontext -> selinux_fcontext (the table maps the arguments). Without setype, the module's
 * absent also deletes a path substitution (semanage fcontext -e) of the target, which Chef's
 * :delete leaves: converted only where setype is given or the state is a literal present.
 */
export const sefcontextModule: ModuleTranslator = (call) => {
  if (!call.arg('setype') && call.arg('state') && staticString(call.arg('state')) !== 'present')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'sefcontext absent without setype also deletes a path substitution of the target, which selinux_fcontext does not: give setype',
      call.arg('state')!.span,
    );
  const m = mapParams(call);
  if (failed(m)) return m;
  return { stmts: [resource(call, 'selinux_fcontext', m, str('selinux_fcontext'))] };
};

export const modprobeModule: ModuleTranslator = (call) => {
  const m = mapParams(call);
  if (failed(m)) return m;
  const persistent = staticString(call.arg('persistent'));
  if (persistent === 'present' && m.actions.includes('load')) m.actions = ['install'];
  if (persistent === 'absent' && m.actions.includes('unload')) m.actions = ['uninstall'];
  const params = m.properties.find((p) => p.name === 'options');
  if (params && params.value.k === 'str') params.value = { k: 'array', items: params.value.v.split(/\s+/).filter(Boolean).map(str) };
  return { stmts: [resource(call, 'kernel_module', m, str('kernel_module'))] };
};

/**
 * The file apt_repository writes a line to without `filename` (its _suggest_filename): the first
 * word after the type, without options, scheme and credentials, with every run of characters other
 * than ASCII letters and digits turned into one '_' (`.list` is added by both).
 */
export function aptSourceFilename(line: string): string {
  const parts = line
    .replace(/\[[^\]]+\]/g, '')
    .replace(/\w+:\/\//g, '')
    .split(/\s+/)
    .filter((p) => p && p !== 'deb' && p !== 'deb-src');
  let first = parts[0] ?? '';
  if (first.includes('@')) first = first.slice(first.indexOf('@') + 1);
  return first
    .replace(/[^a-zA-Z0-9]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join('_');
}

/** The resource name of a static PPA: every run of other characters than ASCII letters and digits an '_'. */
function ppaName(repo: string): string {
  return repo
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);
}

/** ppaName, computed on the node for a templated PPA. */
function ppaRepoName(line: RExpr): RExpr {
  const runs = rcall(line, 'gsub', [{ k: 'regex', source: '[^A-Za-z0-9]+', flags: '' }, str('_')]);
  const ends = rcall(runs, 'gsub', [{ k: 'regex', source: '\\A_|_\\z', flags: '' }, str('')]);
  return rcall(ends, 'slice', [int(0), int(60)]);
}

/** A one-line apt source (`deb [opts] uri dist comp...`) -> apt_repository's parts. */
export const aptRepositoryModule: ModuleTranslator = (call) => {
  const repoNode = call.arg('repo');
  const repo = staticString(repoNode);
  const m = mapParams(call, { skip: new Set(['repo', 'filename']) });
  if (failed(m)) return m;
  const filenameNode = call.arg('filename');
  let filename: RExpr | undefined;
  if (filenameNode) {
    const f = staticString(filenameNode);
    if (f !== undefined) filename = str(f);
    else {
      const t = translateValue(filenameNode, call.scope);
      if (failed(t)) return t;
      filename = t;
    }
  }
  if (repo === undefined) {
    if (repoNode?.kind !== 'scalar')
      return new Untranslatable('A2C-TODO-PARAM', 'apt_repository repo must be one source line', (repoNode ?? call.task.node).span);
    // Templated: split when the recipe compiles, as the line is known only then.
    const line = translateValue(repoNode, call.scope);
    if (failed(line)) return line;
    // A PPA (`ppa:owner/{{ v }}`) is no source line: Chef's apt_repository takes it as the uri, as
    // for a static PPA, and the name is derived from the rendered text the same way.
    const lead = line.k === 'interp' && typeof line.parts[0] === 'string' ? line.parts[0] : undefined;
    if (lead?.startsWith('ppa:')) {
      const name = filename ?? ppaRepoName(line);
      return {
        stmts: [resource(call, 'apt_repository', { ...m, name, properties: [{ name: 'uri', value: line }, ...m.properties] }, name)],
      };
    }
    const src = rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'apt_source', [line]);
    const part = (k: string): RExpr => ({ k: 'index', recv: src, key: str(k) });
    const props = ['uri', 'distribution', 'components', 'deb_src', 'arch', 'signed_by'].map((k) => ({ name: k, value: part(k) }));
    const name = filename ?? part('name');
    return { stmts: [resource(call, 'apt_repository', { ...m, name, properties: [...props, ...m.properties] }, name)] };
  }
  let props: Property[];
  if (repo.startsWith('ppa:')) props = [{ name: 'uri', value: str(repo) }];
  else {
    const parts = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(repo.trim());
    if (!parts) return new Untranslatable('A2C-TODO-PARAM', `apt source line not understood: ${repo}`, repoNode!.span);
    const [, type, opts, uri, dist, comps] = parts;
    props = [
      { name: 'uri', value: str(uri!) },
      { name: 'distribution', value: str(dist!) },
    ];
    const components = comps!.split(/\s+/).filter(Boolean);
    if (components.length) props.push({ name: 'components', value: { k: 'array', items: components.map(str) } as RExpr });
    if (type === 'deb-src') props.push({ name: 'deb_src', value: bool(true) });
    for (const o of (opts ?? '').split(/\s+/).filter(Boolean)) {
      const [k, v] = o.split('=');
      if (k === 'arch' && v) props.push({ name: 'arch', value: str(v) });
      else if (k === 'signed-by' && v) props.push({ name: 'signed_by', value: str(v) });
      else return new Untranslatable('A2C-TODO-PARAM', `apt source option ${o} is not converted`, repoNode!.span);
    }
  }
  const name = filename ?? str(repo.startsWith('ppa:') ? ppaName(repo) : aptSourceFilename(repo));
  return { stmts: [resource(call, 'apt_repository', { ...m, name, properties: [...props, ...m.properties] }, name)] };
};

/**
 * The key file of a static URL, named by its last path part (`.asc` added unless it ends in .asc
 * or .gpg); a templated URL's is named the same way on the node by A2C::Modules.apt_key_file.
 */
export function aptKeyFile(url: string): string {
  const base =
    url
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() || 'key';
  return `/etc/apt/trusted.gpg.d/${/\.(asc|gpg)$/.test(base) ? base : base + '.asc'}`;
}

/** apt_key with a URL: the key file goes to /etc/apt/trusted.gpg.d (apt-key is deprecated). */
export const aptKeyModule: ModuleTranslator = (call) => {
  const urlNode = call.arg('url');
  if (!urlNode) return new Untranslatable('A2C-TODO-PARAM', 'apt_key converts only with a url', call.task.span);
  const url = staticString(urlNode);
  const raw = url === undefined ? translateValue(urlNode, call.scope) : str(url);
  if (failed(raw)) return raw;
  const source = coerceArg('str', 'url', raw, urlNode, call.scope);
  if (failed(source)) return source;
  const m = mapParams(call, { skip: new Set(['url', 'keyring', 'id']) });
  if (failed(m)) return m;
  const keyringNode = call.arg('keyring');
  const keyringRaw = keyringNode ? translateValue(keyringNode, call.scope) : undefined;
  if (keyringRaw && failed(keyringRaw)) return keyringRaw;
  const keyring = keyringRaw && keyringNode ? coerceArg('path', 'keyring', keyringRaw, keyringNode, call.scope) : undefined;
  if (keyring && failed(keyring)) return keyring;
  const path: RExpr = keyring ?? (url !== undefined ? str(aptKeyFile(url)) : rcall(MODULES, 'apt_key_file', [source]));
  call.env.notes.add('apt_key keys are written to /etc/apt/trusted.gpg.d instead of the legacy apt-key keyring');
  return {
    stmts: [
      resource(
        call,
        'remote_file',
        {
          ...m,
          name: path,
          properties: [
            { name: 'source', value: source },
            { name: 'mode', value: str('0644') },
          ],
        },
        path,
      ),
    ],
  };
};

/**
 * deb822_repository: a2c_deb822_repository writes the sources file as the module does (file name
 * and fields made on the node by A2C::Deb822, so a name or field known per loop item converts too).
 * A static signed_by URL is refused here (the module downloads the key first); a templated one
 * that turns out to be a URL fails the run on the node.
 */
export const deb822Module: ModuleTranslator = (call) => {
  const nameNode = call.arg('name');
  if (!nameNode) return new Untranslatable('A2C-TODO-PARAM', 'deb822_repository needs a name', call.task.span);
  const signedBy = staticString(call.arg('signed_by'));
  if (signedBy !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(signedBy))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'signed_by from a URL needs the key downloaded first; convert by hand',
      call.arg('signed_by')!.span,
    );
  const m = mapParams(call);
  if (failed(m)) return m;
  const r = resource(call, 'a2c_deb822_repository', m, m.name!);
  // Kept from the earlier mapping: apt sees the changed source at once (the module leaves the
  // cache as it is; a later apt task with update_cache refreshes it again).
  const update = bare(call, 'apt_update', { k: 'interp', parts: ['apt cache for ', m.name!] }, [], ['nothing']);
  if (m.name!.k === 'str') update.name = str(`apt cache for ${m.name!.v}`);
  r.notifies.push({ action: 'update', resourceType: 'apt_update', resourceName: update.name, timing: 'immediately' });
  return { stmts: [update, r] };
};

export const privateKeyModule: ModuleTranslator = (call) => {
  const type = staticString(call.arg('type')) ?? 'RSA';
  if (!['RSA', 'ECC'].includes(type))
    return new Untranslatable('A2C-TODO-PARAM', `private key type ${type} is not converted`, call.arg('type')!.span);
  const m = mapParams(call);
  if (failed(m)) return m;
  if (type === 'RSA' && m.properties.some((p) => p.name === 'key_curve'))
    return new Untranslatable('A2C-TODO-PARAM', 'curve with an RSA key', call.task.span);
  return { stmts: [resource(call, type === 'ECC' ? 'openssl_ec_private_key' : 'openssl_rsa_private_key', m, str('key'))] };
};

export const x509Module: ModuleTranslator = (call) => {
  const provider = staticString(call.arg('provider'));
  if (provider !== 'selfsigned' && provider !== 'ownca')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `x509_certificate provider ${provider ?? '(templated)'} is not converted`,
      (call.arg('provider') ?? call.task.node).span,
    );
  const m = mapParams(call);
  if (failed(m)) return m;
  if (provider === 'ownca' && !m.properties.some((p) => p.name === 'ca_cert_file'))
    return new Untranslatable('A2C-TODO-PARAM', 'ownca needs ownca_path', call.task.span);
  if (provider === 'selfsigned') {
    call.env.project.sink.warning(
      'A2C-TLS-SELFSIGNED',
      'self-signed certificate: use a certificate from the company PKI',
      (call.arg('provider') ?? call.task.node).span,
    );
  }
  const key = required(call, 'privatekey_path');
  if (failed(key)) return key;
  return { stmts: [resource(call, 'openssl_x509_certificate', m, str('certificate'))] };
};
