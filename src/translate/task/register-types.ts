// The shape of a registered result where the support library computes it whole (A2C::Tasks'
// register_command and register_stat, A2C::Find.register, which keep the module's keys with their Python
// types), so that later reads are plain Ruby: `r.rc == 0` as `r['rc'] == 0`, `r.stat.exists` as
// `r['stat']['exists']`, `r is changed` as `r['changed']`. A task that may be skipped registers
// `{changed: false, skipped: true, skip_reason}` instead (no rc, no stat, no failed): every key but
// `changed` is then one the value may lack, read with Hash#fetch, which fails where Ansible's read of
// the missing key fails, and `default`/`is defined` ask for it first.
import type { TaskItem } from '../../load/ansible/model.js';
import { BOOL, type VarType } from '../../resolve/types.js';
import { walkTaskItems } from '../../resolve/definitions.js';
import { staticString } from '../values.js';
import type { RunResult } from '../modules/types.js';

const INT: VarType = { t: 'int' };
const FLOAT: VarType = { t: 'float' };
// Text a command prints may read as a list or dict to convert_data: a str, never a plain one.
const TEXT: VarType = { t: 'str' };
const LINES: VarType = { t: 'list', item: TEXT };

/**
 * What each helper's result leaves out of Ansible's, said where a read of another key is refused
 * (VarType.partOf): Ansible's command result also has start, end, delta and msg; find's rows are
 * not closed (their keys are not typed here).
 */
const PART_OF: Partial<Record<RunResult['helper'], string>> = {
  command:
    "the command result the support library computes holds changed, failed, rc, stdout, stderr, their lines and cmd, not Ansible's start, end, delta or msg",
  stat: 'the stat result the support library computes holds changed, failed and stat',
  find: 'the find result the support library computes holds changed, failed, files, matched, examined, msg and skipped_paths',
  mysql_query:
    'the mysql_query result the support library computes holds changed, failed, rowcount and executed_queries, not query_result (the mysql client prints no column types, and the module returns numbers for numeric columns)',
};

/** The keys the support library's result has beside changed and failed, by helper. */
const MODULE_FIELDS: Partial<Record<RunResult['helper'], Record<string, VarType>>> = {
  // command_result: rc, the output stripped of its trailing line breaks, and its lines.
  command: { rc: INT, stdout: TEXT, stderr: TEXT, stdout_lines: LINES, stderr_lines: LINES, cmd: { t: 'any' } },
  // A2C::Find.result: each file's row has its path (the other stat keys are not typed here).
  find: {
    files: { t: 'list', item: { t: 'dict', strKeys: true, fields: { path: TEXT } } },
    matched: INT,
    examined: INT,
    msg: TEXT,
    skipped_paths: { t: 'any' },
  },
  // A2C::MySQL.run_queries: per query its rows (column name -> the text the client prints, nil for NULL) and
  // rowcount, and the SQL with its arguments bound.
  mysql_query: {
    rowcount: { t: 'list', item: INT },
    executed_queries: { t: 'list', item: TEXT },
  },
  // stat_result: `exists` always; the file's details only where it exists.
  stat: {
    stat: {
      t: 'dict',
      strKeys: true,
      partOf:
        "the stat the support library computes holds exists and, where the file exists, path, isdir, isreg, islnk, size, mode, uid, gid, mtime and lnk_source, not the rest of Ansible's stat",
      fields: { exists: BOOL },
      optional: {
        path: TEXT,
        isdir: BOOL,
        isreg: BOOL,
        islnk: BOOL,
        size: INT,
        mode: TEXT,
        uid: INT,
        gid: INT,
        mtime: FLOAT,
        lnk_source: TEXT,
      },
    },
  },
};

/**
 * Keys of the support library's result that some runs leave out, by helper: A2C::MySQL.register_replication
 * gives community.mysql's mysql_replication result whole (not a part: no PART_OF), so beside these it may
 * hold any column of the server's status row (getprimary, getreplica), of types the server decides. Its
 * failure (kept under ignore_errors) is only changed, failed and msg.
 */
const MODULE_OPTIONAL: Partial<Record<RunResult['helper'], Record<string, VarType>>> = {
  mysql_replication: { Is_Primary: BOOL, Is_Replica: BOOL, msg: TEXT, queries: LINES },
};

/**
 * The type of what a registering task stores, or undefined where it is not known: another helper,
 * a loop (a list of results), an until condition (an attempt that raises stores only failed and
 * msg), or a name some other task of the project registers too (the stored value is then whichever
 * ran last). `conditional`: the task has a `when` (its own or inherited), so it may store a skipped result.
 */
export function registeredResultType(
  helper: RunResult['helper'],
  name: string,
  opts: { conditional: boolean; looped: boolean; untilCondition: boolean; allItems: readonly TaskItem[] },
): VarType | undefined {
  if (opts.looped || opts.untilCondition || registrations(opts.allItems).get(name) !== 1) return undefined;
  return helperResultType(helper, opts.conditional);
}

/**
 * What the support library's helper stores for one run of a task (`conditional`: one that may be
 * skipped), or undefined where its keys are not known.
 */
export function helperResultType(helper: RunResult['helper'], conditional: boolean): VarType | undefined {
  const module = MODULE_FIELDS[helper];
  const maybe = MODULE_OPTIONAL[helper] ?? {};
  if (!module && !MODULE_OPTIONAL[helper]) return undefined;
  const always = { changed: BOOL, failed: BOOL, ...module };
  const partOf = PART_OF[helper];
  const closed = partOf ? { partOf } : {};
  const optional = Object.keys(maybe).length > 0 ? { optional: maybe } : {};
  if (!conditional) return { t: 'dict', strKeys: true, fields: always, ...optional, ...closed };
  const { changed, ...others } = always;
  return { t: 'dict', strKeys: true, fields: { changed }, optional: { ...others, ...maybe, skipped: BOOL, skip_reason: TEXT }, ...closed };
}

const counted = new WeakMap<readonly TaskItem[], ReadonlyMap<string, number>>();

/** How many task items of the project register each name. */
function registrations(items: readonly TaskItem[]): ReadonlyMap<string, number> {
  const known = counted.get(items);
  if (known) return known;
  const out = new Map<string, number>();
  walkTaskItems(items, (item) => {
    const name = staticString(item.keywords.get('register'));
    if (name !== undefined) out.set(name, (out.get(name) ?? 0) + 1);
  });
  counted.set(items, out);
  return out;
}
