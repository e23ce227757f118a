// A result registered by one role's task and read by another role's. Ansible keeps a host's
// registered results for the rest of the playbook run; Chef's node.run_state lives for one
// chef-client run, across the recipes of the run list in their order. So the reading cookbook may
// read the registering cookbook's run_state entry only where every node whose run list carries the
// reading recipe has run the registering task earlier in the same run: on every play that runs the
// reading role, the registering role is listed before it in the same play's `roles:` (one
// Policyfile per play, whose run list is that play's roles in order; a node file's run list is
// its plays' run lists in order, so the registering recipe comes first there too). The registering
// task is in the role's tasks/main.yml (its default recipe), and nothing else in the input sets
// the name. Anywhere that cannot be shown (a role run by an earlier play only, a role another role
// depends on or includes, a cookbook converted without its plays) the read stays a TODO.
import type { InputIndex } from '../load/ansible/input.js';
import type { Play, Project, Role, TaskItem } from '../load/ansible/model.js';
import { asList, scalarString } from '../load/ansible/yaccess.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { SymbolTable } from '../resolve/symbols.js';
import { factVariableSetBy } from '../resolve/definitions.js';
import { includedRoles } from './role-plays.js';
import { registeredNames } from './task/register-reads.js';
import type { Registered } from './task/register.js';
import { staticString } from './values.js';

/** Reader role -> registered name -> the role whose registered result it reads. */
export type CrossRoleReads = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** What the proof reads of the project besides its roles and plays. */
export interface CrossRoleView {
  playsOf: (role: string) => readonly Play[];
  reachedByRoles: ReadonlySet<string>;
  symbols: SymbolTable;
  /** Roles whose uses disagree on their keywords (role-keywords.ts): a `when` of theirs is not applied. */
  disagreed: ReadonlySet<string>;
  /** The input's files: a reader counts only the names its own files mention. */
  input: InputIndex;
}

const roleItems = (role: Role): TaskItem[] => [...role.taskFiles.values(), ...role.handlerFiles.values()].flat();

/** Each task of these items with the blocks around it, outermost first. */
function eachTask(items: readonly TaskItem[], visit: (item: TaskItem, blocks: readonly TaskItem[]) => void, blocks: TaskItem[] = []): void {
  for (const item of items) {
    if (item.kind === 'block') eachTask([...item.block, ...item.rescue, ...item.always], visit, [...blocks, item]);
    else visit(item, blocks);
  }
}

// Chef has no tags and runs every recipe; Ansible runs a task tagged never only when asked for.
const taggedNever = (item: { keywords: ReadonlyMap<string, YNode> }): boolean =>
  asList(item.keywords.get('tags')).some((t) => scalarString(t) === 'never');

/**
 * Whether `provider` registers `name` where every run of its default recipe sets it: by `register:`
 * in tasks/main.yml itself (no other task file, handler or fact-setting module of the role sets it),
 * on a task Ansible does not skip by `tags: never`.
 */
function registersInMain(provider: Role, name: string, disagreed: ReadonlySet<string>): boolean {
  if (disagreed.has(provider.name)) return false;
  const main = provider.taskFiles.get('main.yml');
  if (!main) return false;
  for (const [file, items] of provider.taskFiles) if (file !== 'main.yml' && registeredNames(items).has(name)) return false;
  for (const items of provider.handlerFiles.values()) if (registeredNames(items).has(name)) return false;
  let registers = false;
  let refused = false;
  eachTask(main, (item, blocks) => {
    if (factVariableSetBy(item) === name) refused = true;
    if (staticString(item.keywords.get('register')) !== name) return;
    if (taggedNever(item) || blocks.some(taggedNever)) refused = true;
    registers = true;
  });
  return registers && !refused;
}

/** The folders of a role where its tasks, handlers, templates and variables may read a result. */
const READING_FOLDERS = ['tasks', 'handlers', 'templates', 'defaults', 'vars'];

/**
 * The registered names among `names` that a role's files in those folders mention as a word (a run
 * of letters, digits and underscores): a registered name is one word, so whether the reader names
 * it is one lookup per word. A pattern per name and reader made this pass quadratic in an estate
 * where every role registers something (2.2 s of CPU at 1000 roles). The words are hashed from the
 * files' bytes and only a word whose hash a name has is compared with it: decoding, joining and
 * collecting every word of every reader's text was 7% of what a 1000-role convert allocated. (The
 * bytes of a multi-byte UTF-8 character are none of these ASCII ones, so the words are the same.)
 * Over-counting is harmless: the reader only depends on the provider.
 */
function namedIn(role: Role, input: InputIndex, names: WordHashes): Set<string> {
  const found = new Set<string>();
  for (const f of READING_FOLDERS)
    for (const p of input.walk(role.dir ? `${role.dir}/${f}` : f)) {
      const bytes = input.bytes(p);
      if (!bytes) continue;
      let start = -1;
      let hash = FNV_BASIS;
      for (let i = 0; i <= bytes.length; i++) {
        const b = i < bytes.length ? bytes[i]! : 0;
        if (isWordByte(b)) {
          if (start < 0) {
            start = i;
            hash = FNV_BASIS;
          }
          hash = Math.imul(hash ^ b, FNV_PRIME);
        } else if (start >= 0) {
          for (const name of names.get(hash) ?? NONE) if (sameWord(bytes, start, i, name)) found.add(name);
          start = -1;
        }
      }
    }
  return found;
}

/** Names by the FNV-1a hash of their characters (registered names are ASCII words). */
type WordHashes = ReadonlyMap<number, readonly string[]>;
const FNV_BASIS = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const NONE: readonly string[] = [];

function wordHashes(names: Iterable<string>): WordHashes {
  const out = new Map<number, string[]>();
  for (const name of names) {
    let hash = FNV_BASIS;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), FNV_PRIME);
    const same = out.get(hash);
    if (same) same.push(name);
    else out.set(hash, [name]);
  }
  return out;
}

/** Whether bytes[from, to) are the characters of `name`. */
function sameWord(bytes: Uint8Array, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[from + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** [A-Za-z0-9_] */
const isWordByte = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39) || b === 0x5f;

/** Whether every play running `reader` lists `provider` (untagged never) before it in its `roles:`. */
function providerFirst(plays: readonly Play[], reader: string, provider: string): boolean {
  return plays.every((play) => {
    const at = play.roles.findIndex((r) => r.name === reader);
    const before = play.roles.findIndex((r) => r.name === provider);
    return before >= 0 && at > before && !play.roles.some((r) => r.name === provider && taggedNever(r));
  });
}

/**
 * The registered names each role reads from another role's tasks where the read is faithful (see
 * the file comment): every play that runs the reader lists it under `roles:`, one role alone
 * registers the name, in its tasks/main.yml, listed before the reader in each of those plays, no
 * task or role includes either role or depends on it, and no play task, set_fact or variable of the
 * input sets the name.
 */
export function crossRoleReads(project: Project, roles: ReadonlyMap<string, Role>, view: CrossRoleView): CrossRoleReads {
  const registrars = new Map<string, string[]>();
  for (const role of roles.values())
    for (const name of registeredNames(roleItems(role))) registrars.set(name, [...(registrars.get(name) ?? []), role.name]);
  const playItems = project.playbooks.flatMap((b) => b.plays.flatMap((p) => [...p.preTasks, ...p.tasks, ...p.postTasks, ...p.handlers]));
  const byPlays = registeredNames(playItems);
  // A role some task or role includes (or depends on) runs its tasks again there in Ansible, registering
  // anew, where Chef runs its recipe once: only a role that plays list and nothing else runs provides.
  const rerun = new Set([...view.reachedByRoles, ...includedRoles(playItems)]);
  // The names one role alone provides, each by its own default recipe, that nothing else sets.
  const provided = new Map<string, Role>();
  for (const [name, by] of registrars) {
    if (by.length !== 1 || byPlays.has(name) || rerun.has(by[0]!)) continue;
    if ((view.symbols.get(name)?.definitions.length ?? 0) > 0) continue;
    const provider = roles.get(by[0]!)!;
    if (registersInMain(provider, name, view.disagreed)) provided.set(name, provider);
  }
  const out = new Map<string, Map<string, string>>();
  if (provided.size === 0) return out;
  // Each provided name's place among them: a reader's reads keep that order (the order its
  // registered results are set in), though they are found from the reader's words (namedIn).
  const order = new Map([...provided.keys()].map((name, i) => [name, i]));
  const hashes = wordHashes(provided.keys());
  for (const reader of roles.values()) {
    const plays = view.playsOf(reader.name);
    if (plays.length === 0 || rerun.has(reader.name) || !plays.every((p) => p.roles.some((r) => r.name === reader.name))) continue;
    const reads = new Map<string, string>();
    for (const name of [...namedIn(reader, view.input, hashes)].sort((a, b) => order.get(a)! - order.get(b)!)) {
      const provider = provided.get(name)!;
      if (provider !== reader && providerFirst(plays, reader.name, provider.name)) reads.set(name, provider.name);
    }
    if (reads.size) out.set(reader.name, reads);
  }
  return out;
}

/**
 * The registered results a reader starts with: the provider's record as its default recipe left it,
 * where a later task of the provider could read it whole (a ruby_block's result, or a resource's
 * recorded state, read from the record, never by subscribing to another cookbook's resource).
 */
export function providedResults(
  reads: ReadonlyMap<string, string> | undefined,
  providers: ReadonlyMap<string, ReadonlyMap<string, Registered>>,
): Map<string, Registered> {
  const out = new Map<string, Registered>();
  for (const [name, provider] of reads ?? []) {
    const r = providers.get(provider)?.get(name);
    if (r?.kind === 'runstate' && r.setFactAt === undefined) out.set(name, r);
    else if (r?.kind === 'resource' && r.recorded) out.set(name, { ...r, resources: [] });
  }
  return out;
}

/** The roles in `names`' order, each after the roles whose results it reads (they must be translated first). */
export function providersFirst(names: readonly string[], reads: CrossRoleReads): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  const place = (name: string, path: ReadonlySet<string>): void => {
    if (placed.has(name) || path.has(name)) return;
    for (const provider of [...new Set(reads.get(name)?.values() ?? [])].sort()) place(provider, new Set([...path, name]));
    placed.add(name);
    out.push(name);
  };
  for (const name of names) place(name, new Set());
  return out;
}
