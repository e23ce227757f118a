// What the commands load once they know they must convert (convert, check, diff, plan, audit): one
// module, so that the build can make it one file (scripts/bundle-cli.ts). Node's module loader costs
// about a millisecond per file it loads, and a convert loaded some 280 files (issue 17: a fixed cost
// of every run). The command modules and what they load themselves stay separate files: an
// up-to-date re-run, which never loads this, reads only those.
export { knownSelection, prepare } from './pipeline.js';
export { applyChanges } from '../workspace/apply.js';
export { ownsInput } from '../workspace/role-records.js';
export { prReport } from '../workspace/pr-report.js';
export { selectionStats } from '../report/stats.js';
export { summaryText } from './summary.js';
export { configRoleNames } from './config-role-names.js';
export { convert } from '../convert.js';
export { computePlan } from '../plan/compute.js';
export { auditInput } from '../audit/audit.js';

/** The user mapping loader, loaded only when asked for: plugins bring in the TypeScript compiler. */
export async function mappingLoader(): Promise<{
  loadMappings: typeof import('../mapping/user.js').loadMappings;
  CODE_NAMES: typeof import('../translate/code-names.js').CODE_NAMES;
}> {
  const [{ loadMappings }, { CODE_NAMES }] = await Promise.all([import('../mapping/user.js'), import('../translate/code-names.js')]);
  return { loadMappings, CODE_NAMES };
}

/** docs/support-matrix.md as the built-in tables make it. */
export async function supportMatrixText(): Promise<string> {
  return (await import('../mapping/docs.js')).builtinSupportMatrix();
}
