// Value transforms named in the table (`transform = "mode"`): small typed functions for
// conversions a table cannot express.
import type { YNode } from '../../load/ansible/yaml.js';
import type { RExpr } from '../../ir/ruby-ast.js';
import { bool, call, rvar, someExpr, str, sym } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { toBool } from './coerce.js';
import { absoluteSymbolicMode, BadSymbolicMode, usesUmask } from './symbolic-mode.js';
import { isOmit, type OmitTest } from '../omit-value.js';

/** A property given as a block with parameters (`verify do |path| ... end`), run at converge time. */
export interface TransformBlock {
  blockBody: RExpr;
  params: string[];
}

/** A transform returns the new value (or a block), null to drop the property, or Untranslatable. */
/** `omits`: what may be omit where the task is (translate/omit-value.ts); `resource`: the module's Chef resource type. */
type Transform = (value: RExpr, node: YNode, key: string, omits: OmitTest, resource?: string) => Result<RExpr | TransformBlock | null>;

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const FILE_STATE: RExpr = { k: 'const', path: ['A2C', 'FileState'] };

/** Every transform a table may name; the mapping-table meta-test checks the tables against it. */
export const TRANSFORMS: ReadonlyMap<string, Transform> = new Map<string, Transform>([
  ['mode', (v, n, _key, _omits, resource) => mode(v, n, resource)],
  // Chef's file resources always keep backups (5 by default); Ansible's backup: yes is covered.
  ['backup', () => null],
  ['validate', (v, n) => validate(v, n)],
  ['validate_command', (v, n) => validateCommand(v, n)],
  ['checksum', (v, n) => checksum(v, n)],
  ['integer', (v, n) => integer(v, n)],
  // yum_repository's module_hotfixes: Chef's resource has no property for it, but writes each
  // entry of `options` as key=value with a boolean as 1/0, as Ansible writes the bool it converted.
  ['yum_module_hotfixes', (v, n) => option('module_hotfixes', toBool('module_hotfixes', v, n))],
  // A module boolean that says the opposite of the Chef property (disable_gpg_check -> gpg_check),
  // converted as AnsibleModule converts a bool first.
  ['negate', (v, n, key, omits) => negate(v, n, key, omits)],
  // validate_certs (get_url): remote_file's ssl_verify_mode (Chef 16.2+), :verify_none where the
  // module does not check the server's certificate, else :verify_peer whatever the client's config.
  ['ssl_verify_mode', (v, n, key, omits) => sslVerifyMode(v, n, key, omits)],
  ['unsupported', (_v, n) => new Untranslatable('A2C-TODO-PARAM', 'this argument has no faithful Chef equivalent', n.span)],
]);

/**
 * Not the bool: a literal flips, a templated one is negated when the recipe compiles. `omit` drops
 * the property (the Chef default, which is the module's default negated); a value that may be
 * omitted at run time is nil there (A2C::Tasks.omit), which negates to that same default.
 */
function negate(value: RExpr, node: YNode, key: string, omits: OmitTest): Result<RExpr> {
  if (value.k === 'const') return value;
  const omittable = someExpr(value, omits);
  const b = toBool(key, omittable ? call(TASKS, 'omit', [value]) : value, node);
  if (failed(b)) return b;
  if (b.k === 'bool') return { k: 'bool', v: !b.v };
  if (b.k === 'nil') return b;
  return { k: 'not', e: b };
}

/**
 * The module's bool as Chef's verify mode: a literal now, a templated one when the recipe compiles,
 * where a value omitted at run time (nil) is the module's default, true.
 */
function sslVerifyMode(value: RExpr, node: YNode, key: string, omits: OmitTest): Result<RExpr> {
  if (value.k === 'const') return value;
  const omittable = someExpr(value, omits);
  const b = toBool(key, omittable ? call(TASKS, 'omit', [value]) : value, node);
  if (failed(b)) return b;
  if (b.k === 'bool') return sym(b.v ? 'verify_peer' : 'verify_none');
  if (b.k === 'nil') return sym('verify_peer');
  return { k: 'ternary', c: { k: 'binop', op: '==', l: b, r: { k: 'bool', v: false } }, t: sym('verify_none'), f: sym('verify_peer') };
}

function option(key: string, value: Result<RExpr>): Result<RExpr> {
  return failed(value) ? value : { k: 'hash', pairs: [[str(key), value]] };
}

export function applyTransform(
  name: string | undefined,
  value: RExpr,
  node: YNode,
  key: string,
  omits: OmitTest = isOmit,
  resource?: string,
): Result<RExpr | TransformBlock | null> {
  if (name === undefined) return value;
  const transform = TRANSFORMS.get(name);
  if (!transform) return new Untranslatable('A2C-INTERNAL', `unknown transform '${name}' in the mapping table`, node.span);
  return transform(value, node, key, omits, resource);
}

/**
 * File modes. YAML `0644` is the integer 420 (octal literal); a quoted '0644' is a string. Ansible
 * reads an int as the mode bits and a string of octal digits as octal; symbolic modes have no
 * Chef equivalent.
 */
function mode(value: RExpr, node: YNode, resource: string | undefined): Result<RExpr> {
  if (value.k === 'int') return str('0' + value.v.toString(8).padStart(3, '0'));
  if (value.k === 'str') {
    // Ansible reads the string with Python's int(mode, 8): '644', '0644', '02755', '0o755'.
    const m = /^(?:0[oO])?([0-7]+)$/.exec(value.v);
    const bits = m ? parseInt(m[1]!, 8) : NaN;
    if (bits <= 0o7777) return str('0' + bits.toString(8).padStart(3, '0'));
    if (!m) return symbolic(value.v, node, resource);
    return new Untranslatable(
      'A2C-TODO-MODE',
      `mode ${JSON.stringify(value.v)} is not an octal mode; Chef has no symbolic modes`,
      node.span,
    );
  }
  if (value.k === 'interp' || value.k === 'call' || value.k === 'index') return value;
  return new Untranslatable('A2C-TODO-MODE', 'mode is neither an octal number nor a string', node.span);
}

/**
 * Chef resources whose `path` is the one file the module gives the mode to, creating it (when
 * missing) as the module does: 0666 less the umask (Chef touches a new file, Ansible's
 * atomic_move chmods it so), before the mode is applied.
 */
const SYMBOLIC_MODE_FILES: ReadonlySet<string> = new Set(['template', 'cookbook_file', 'remote_file']);

/**
 * A symbolic mode is applied to the file's current mode: it converts to octal when the result is
 * the same for every current mode and file type (`u=rwx,g=rx,o=rx`). `u+x` on a file resource is
 * computed at converge time from the file's mode then (A2C::FileState.symbolic_mode_of, the
 * module's rules); a clause without user letters (`+x`: the module's umask picks its bits) and
 * other resources stay TODOs.
 */
function symbolic(mode: string, node: YNode, resource: string | undefined): Result<RExpr> {
  let bits: number | undefined;
  try {
    bits = absoluteSymbolicMode(mode);
  } catch (e) {
    if (!(e instanceof BadSymbolicMode)) throw e;
    return new Untranslatable(
      'A2C-TODO-MODE',
      `the module rejects mode ${JSON.stringify(mode)}: mode must be in octal or symbolic form (${e.message})`,
      node.span,
    );
  }
  if (bits !== undefined) return str('0' + bits.toString(8).padStart(3, '0'));
  if (usesUmask(mode))
    return new Untranslatable(
      'A2C-TODO-MODE',
      `symbolic mode ${JSON.stringify(mode)} has a clause without user letters: the umask of the module's process decides its bits`,
      node.span,
    );
  if (resource === undefined || !SYMBOLIC_MODE_FILES.has(resource))
    return new Untranslatable(
      'A2C-TODO-MODE',
      `symbolic mode ${JSON.stringify(mode)} changes the file's current mode; converted only on a file a template, copy or get_url writes`,
      node.span,
    );
  // Chef passes the resource to a lazy block with one parameter.
  return { k: 'lazy', param: 'a2c_file', e: call(FILE_STATE, 'symbolic_mode_of', [rvar('a2c_file'), str(mode), bool(false)]) };
}

/**
 * Ansible `validate: 'cmd %s'` -> Chef `verify 'cmd %{path}'` (Chef formats with the path). A
 * templated command is known only when the task runs, and Chef's file resources take their verify
 * command when the recipe compiles: there it is a verify block that runs it as the module does
 * (A2C::Tasks.validate: Python %-formatting, shlex, no shell); `omit` skips the check.
 */
function validate(value: RExpr, node: YNode): Result<RExpr | TransformBlock> {
  // The parameter is named as the support library names its own, apart from Ansible variable names.
  if (!isLiteral(value)) return { blockBody: call(TASKS, 'validate', [value, { k: 'var', name: 'a2c_path' }]), params: ['a2c_path'] };
  return staticValidate(value, node);
}

/**
 * validate for the support resources (lineinfile, replace, ...), whose verify is a String property
 * a lazy value can set: a templated command becomes Chef's format when the resource converges.
 */
function validateCommand(value: RExpr, node: YNode): Result<RExpr> {
  if (!isLiteral(value)) return call(TASKS, 'verify_command', [value]);
  return staticValidate(value, node);
}

function staticValidate(value: RExpr, node: YNode): Result<RExpr> {
  if (value.k !== 'str' || !value.v.includes('%s'))
    return new Untranslatable('A2C-TODO-PARAM', 'validate must be a command containing %s', node.span);
  return str(value.v.replace(/%/g, '%%').replace(/%%s/g, '%{path}'));
}

/** Literals and `omit` (a constant, the property dropped later): known when converting. */
function isLiteral(value: RExpr): boolean {
  return ['str', 'int', 'float', 'bool', 'nil', 'sym', 'array', 'hash', 'const'].includes(value.k);
}

/**
 * get_url `checksum: sha256:<digest>` -> remote_file's checksum. A templated one whose text starts
 * `sha256:` is read as the module reads it when the task runs (A2C::Tasks.sha256_checksum), which
 * fails the run on a digest Chef would check otherwise; another algorithm stays a TODO.
 */
function checksum(value: RExpr, node: YNode): Result<RExpr> {
  if (value.k === 'str') {
    const m = /^sha256:([0-9a-fA-F]{64})$/.exec(value.v);
    if (m) return str(m[1]!.toLowerCase());
  }
  if (value.k === 'interp' && typeof value.parts[0] === 'string' && value.parts[0].startsWith('sha256:'))
    return call(TASKS, 'sha256_checksum', [value]);
  return new Untranslatable(
    'A2C-TODO-CHECKSUM',
    'only sha256 checksums written as sha256:<digest> convert (Chef verifies SHA-256)',
    node.span,
  );
}

/**
 * A number Ansible takes as a string (mount dump/passno: `passno=2` is '2') for a Chef Integer
 * property. A templated value is converted when the recipe compiles; one that is not a whole
 * number fails there instead of being written as it is.
 */
function integer(value: RExpr, node: YNode): Result<RExpr> {
  if (value.k === 'int') return value;
  if (value.k === 'str') {
    if (/^\s*[+-]?\d+\s*$/.test(value.v)) return { k: 'int', v: Number(value.v.trim()) };
    return new Untranslatable('A2C-TODO-PARAM', `${JSON.stringify(value.v)} is not a whole number`, node.span);
  }
  if (value.k === 'interp' || value.k === 'call' || value.k === 'index') {
    return {
      k: 'call',
      name: 'Integer',
      args: [
        { k: 'call', recv: value, name: 'to_s', args: [], noParens: true },
        { k: 'int', v: 10 },
      ],
    };
  }
  return new Untranslatable('A2C-TODO-PARAM', 'not a whole number', node.span);
}
