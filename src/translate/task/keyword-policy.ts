// What each keyword becomes, read from mappings/keywords.toml (the one place keyword policy is
// written). Keywords a task translator step does not handle and the table does not list are TODOs:
// a task is never converted with a keyword silently dropped.
import { reasonsOf } from '../../load/ansible/keyword-table.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { staticString } from '../values.js';

/** Keywords with no effect on a Chef resource; the reason is listed in the cookbook README. */
export const IGNORED_KEYWORDS: ReadonlyMap<string, string> = reasonsOf('use', 'ignored');

/** Keywords another step of the conversion reads (name, args, register): no effect on the resource, no note. */
export const CARRIED_KEYWORDS: ReadonlyMap<string, string> = reasonsOf('use', 'carried');

/** Keywords that change nothing on the task's resources: ignored with a note, or carried elsewhere. */
export function noResourceEffect(k: string): boolean {
  return IGNORED_KEYWORDS.has(k) || CARRIED_KEYWORDS.has(k);
}

/**
 * Whether a block's keyword reaches its tasks or changes nothing there (true), or is reported as not
 * applied to them (false).
 */
export function blockKeywordHandled(k: string): boolean {
  return BLOCK_HANDLED.has(k) || noResourceEffect(k);
}

const BLOCK_HANDLED: ReadonlySet<string> = new Set([...reasonsOf('block', 'handed-down').keys(), ...reasonsOf('block', 'ignored').keys()]);

/** Keywords a block hands down to its tasks, as Ansible does (the table's block `handed-down`). */
export const BLOCK_HANDED_DOWN: ReadonlySet<string> = new Set(reasonsOf('block', 'handed-down').keys());

/** Play keywords that steer a push run across hosts: reported, since nothing in Chef carries them. */
export const PLAY_ONLY_KEYWORDS: ReadonlyMap<string, string> = reasonsOf('play', 'push-run');

/** Play keywords Ansible hands down to every task of the play that the converted tasks do not carry. */
export const PLAY_NOT_APPLIED: ReadonlyMap<string, string> = reasonsOf('play', 'not-applied');

/**
 * Keywords with no pull-model equivalent: the task becomes a TODO and the README says why.
 * run_once and delegate_to are placed on one node where that is sound (run-once.ts).
 */
export const TODO_KEYWORDS: ReadonlyMap<string, string> = reasonsOf('use', 'push-model');

/**
 * `become_user: root`: what Chef does for every resource already (and without `become` Ansible
 * ignores become_user), so nothing is left to carry over, on a task or a play.
 */
export function becomesRoot(k: string, node: YNode): boolean {
  return k === 'become_user' && staticString(node) === 'root';
}
