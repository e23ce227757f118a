// The top level of the output tree is shared: one folder per cookbook beside the folders and files
// the tool itself writes. A cookbook named like one of those would be merged into it (a role
// `ansible2chef_support` into the support cookbook, a role `nodes` among the node files).
import { SUPPORT_COOKBOOK_NAME } from '../support-cookbook/files.js';

export const NODES_DIR = 'nodes';
export const POLICYFILES_DIR = 'policyfiles';

/**
 * Every top-level name the tool writes besides the cookbooks. Cookbook names cannot hold a dot, so
 * the last two can never be met; they are listed so this stays the one list of what is taken.
 */
const RESERVED: ReadonlyMap<string, string> = new Map([
  [SUPPORT_COOKBOOK_NAME, 'the support cookbook'],
  [NODES_DIR, 'the node files'],
  [POLICYFILES_DIR, 'the Policyfiles'],
  ['conversion.md', 'the conversion report'],
  ['.ansible2chef', "the tool's manifest"],
]);

/**
 * What a cookbook name would collide with, or undefined when it is free. Compared without case:
 * on a case-insensitive file system (macOS, Windows) `Nodes/` is `nodes/`.
 */
export function reservedBy(cookbook: string): string | undefined {
  return RESERVED.get(cookbook.toLowerCase());
}

/** The deterministic replacement for a reserved cookbook name. */
export function unreservedName(cookbook: string): string {
  return `${cookbook}_role`;
}
