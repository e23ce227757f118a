// Symbolic file modes (`u=rwx,g=rx,o=rx`) as AnsibleModule applies them
// (module_utils/basic.py _symbolic_mode_to_octal): relative to the file's current mode, its type
// (X) and, with no user letters, the umask. Chef takes only octal modes, so a symbolic mode
// converts when its result is the same whatever the file's current mode and type are.

const PERM_BITS = 0o7777;
const EXEC_BITS = 0o111;
const S_IRWXU = 0o700,
  S_IRWXG = 0o070,
  S_IRWXO = 0o007;
const S_ISUID = 0o4000,
  S_ISGID = 0o2000,
  S_ISVTX = 0o1000;

export class BadSymbolicMode extends Error {}

/** The mode Ansible sets on a file whose mode is `prev` (a directory when `isDir`). */
export function applySymbolicMode(prev: number, isDir: boolean, symbolic: string, umask = 0o022): number {
  // Every clause reads the file's mode as it was (path_stat), not the mode built so far.
  const orig = prev & PERM_BITS;
  let mode = orig;
  for (const clause of symbolic.split(',')) {
    const parts = clause.split(/[+=-]/);
    const ops = clause.match(/[+=-]/g) ?? [];
    let users = parts.shift()!;
    const useUmask = users === '';
    if (users === 'a' || users === '') users = 'ugo';
    if (/[^ugo]/.test(users)) throw new BadSymbolicMode(`bad symbolic permission for mode: ${clause}`);
    parts.forEach((perms, i) => {
      if (/[^rwxXstugo]/.test(perms)) throw new BadSymbolicMode(`bad symbolic permission for mode: ${clause}`);
      for (const user of users) {
        const bits = permBits(orig, isDir, user as 'u' | 'g' | 'o', perms, useUmask ? umask : undefined);
        mode = applyOperation(user as 'u' | 'g' | 'o', ops[i]!, bits, mode);
      }
    });
  }
  return mode;
}

function applyOperation(user: 'u' | 'g' | 'o', op: string, bits: number, current: number): number {
  if (op === '=') {
    const mask = user === 'u' ? S_IRWXU | S_ISUID : user === 'g' ? S_IRWXG | S_ISGID : S_IRWXO | S_ISVTX;
    return (current & (mask ^ PERM_BITS)) | bits;
  }
  if (op === '+') return current | bits;
  return current - (current & bits);
}

function permBits(prev: number, isDir: boolean, user: 'u' | 'g' | 'o', perms: string, umask: number | undefined): number {
  const applyX = isDir || (prev & EXEC_BITS) > 0;
  const rev = umask === undefined ? PERM_BITS : umask ^ PERM_BITS;
  const shift = { u: 6, g: 3, o: 0 }[user];
  const rwx = (b: number): number => rev & (b << shift);
  const table: Record<string, number> = {
    r: rwx(4),
    w: rwx(2),
    x: rwx(1),
    X: applyX ? 1 << shift : 0,
    s: user === 'u' ? S_ISUID : user === 'g' ? S_ISGID : 0,
    t: user === 'o' ? S_ISVTX : 0,
    // Copies of another class's current bits, moved to this class.
    u: ((prev & S_IRWXU) >> 6) << shift,
    g: ((prev & S_IRWXG) >> 3) << shift,
    o: (prev & S_IRWXO) << shift,
  };
  let out = 0;
  for (const p of perms) out |= table[p]!;
  return out;
}

/**
 * The octal mode a symbolic mode always gives, or undefined when the result depends on the file
 * (its current mode or type) or on the node's umask. Throws BadSymbolicMode as the module fails.
 */
export function absoluteSymbolicMode(symbolic: string): number | undefined {
  const first = applySymbolicMode(0, false, symbolic);
  // No user letters: the node's umask decides which bits are set.
  if (symbolic.split(',').some((c) => /^[+=-]/.test(c))) return undefined;
  for (const isDir of [false, true]) {
    for (let prev = 0; prev <= PERM_BITS; prev++) if (applySymbolicMode(prev, isDir, symbolic) !== first) return undefined;
  }
  return first;
}

/**
 * The octal mode a symbolic mode always gives a directory (whatever its current mode), or
 * undefined. Throws BadSymbolicMode as the module fails.
 */
export function directorySymbolicMode(symbolic: string): number | undefined {
  const first = applySymbolicMode(0, true, symbolic);
  if (usesUmask(symbolic)) return undefined;
  for (let prev = 0; prev <= PERM_BITS; prev++) if (applySymbolicMode(prev, true, symbolic) !== first) return undefined;
  return first;
}

/** A clause without user letters (`+x`, `=r`): the node's umask decides which bits are set. */
export const usesUmask = (symbolic: string): boolean => symbolic.split(',').some((c) => /^[+=-]/.test(c));
