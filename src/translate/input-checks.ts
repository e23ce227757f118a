// The run-time check of variables set outside the input whose type the conversion relied on
// (declared in the config, given by extra-var-files, or inferred from use): a read of such a
// variable is plain Chef only because its type is known, so a value of another type must fail the
// run, not print differently. One `A2C::Inputs.check!` call at the top of each cookbook's default
// recipe, which runs in the compile phase after every attribute file and the Policyfile's and node
// file's values are in, names the variables that cookbook (or a cookbook whose attributes it loads)
// reads.
import type { CallStmt, Cookbook } from '../ir/chef-ir.js';
import { eachCookbookExpr, eachStmtExpr } from '../ir/walk.js';
import { call, nil, nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import type { ItemFieldContract } from '../resolve/item-contracts.js';
import type { SymbolTable } from '../resolve/symbols.js';
import { readPaths } from './references.js';

/** Adds the check to the default recipe of every cookbook that reads a checked variable. */
export function addInputChecks(cookbooks: readonly Cookbook[], symbols: SymbolTable): void {
  // Only variables no input source sets: a type joined with the input's own definitions is not the outside's alone.
  const checked = new Map<string, { name: string; path: string[]; type: string; from: string }>();
  for (const s of symbols.all()) {
    const c = symbols.contracts.get(s.name);
    if (!c || s.type.t === 'any' || s.definitions.length === 0 || !s.definitions.every((d) => d.kind === 'undeclared')) continue;
    // Read as node[namespace][name] by check! (symbols.ts gives a variable no input source sets that path).
    if (s.path.length !== 2 || s.path[0] !== symbols.namespace || s.path[1] !== s.name) continue;
    checked.set(s.path.join('\0'), { name: s.name, path: s.path, type: c.type, from: c.from });
  }
  // Lists whose items' fields have contracts (resolve/item-contracts.ts), wherever they live.
  const items = new Map<string, ItemCheck>();
  for (const [name, fields] of symbols.itemContracts) {
    const s = symbols.get(name);
    if (s && s.path.length > 0) items.set(s.path.join('\0'), { name, path: s.path, fields });
  }
  if (checked.size === 0 && items.size === 0) return;
  const reads = new Map<string, Set<string>>();
  for (const cb of cookbooks) {
    const read = new Set<string>();
    const note = (e: RExpr) => {
      for (const p of readPaths(e)) {
        const k = p.join('\0');
        if (checked.has(k) || items.has(k)) read.add(k);
      }
    };
    eachCookbookExpr(cb, note);
    for (const r of cb.resources ?? []) for (const s of r.body) eachStmtExpr(s, note);
    reads.set(cb.name, read);
  }
  const byName = new Map(cookbooks.map((c) => [c.name, c]));
  for (const cb of cookbooks) {
    // A dependency's attribute files load with this cookbook, and their values reach its recipes.
    const mine = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const k of reads.get(name) ?? []) mine.add(k);
      for (const d of byName.get(name)?.depends ?? []) visit(d);
    };
    visit(cb.name);
    const main = cb.recipes.find((r) => r.name === 'default');
    if (mine.size === 0 || !main) continue;
    const lists = [...mine].sort().flatMap((k) => (items.has(k) ? [items.get(k)!] : []));
    if (lists.length > 0) main.stmts.unshift(itemCheckStmt(lists));
    const rows = [...mine].sort().flatMap((k) => (checked.has(k) ? [checked.get(k)!] : []));
    if (rows.length > 0) main.stmts.unshift(checkStmt(symbols.namespace, rows));
  }
}

interface ItemCheck {
  name: string;
  path: readonly string[];
  fields: ReadonlyMap<string, ItemFieldContract>;
}

/** `'name' => [[path...], { 'field' => ['str|int' or nil, 'inferred from ...'] }]`: one list's row of check_items!. */
function itemCheckEntry(c: ItemCheck): [RExpr, RExpr] {
  const fields: Array<[RExpr, RExpr]> = [...c.fields].map(([f, fc]) => [
    str(f),
    { k: 'array', items: [fc.type ? str(fc.type) : nil, str(fc.from)] },
  ]);
  return [
    str(c.name),
    {
      k: 'array',
      items: [
        { k: 'array', items: c.path.map(str) },
        { k: 'hash', pairs: fields },
      ],
    },
  ];
}

function itemCheckStmt(lists: readonly ItemCheck[]): CallStmt {
  return {
    kind: 'call',
    comment: [
      'Lists set outside the converted input whose items are read as plain Chef because their fields',
      'are known from use: an item that is not a dict, or a field of another type, fails the run now.',
    ],
    expr: call({ k: 'const', path: ['A2C', 'Inputs'] }, 'check_items!', [nodeRef, { k: 'hash', pairs: lists.map(itemCheckEntry) }]),
  };
}

function checkStmt(namespace: string, rows: ReadonlyArray<{ name: string; type: string; from: string }>): CallStmt {
  const pairs: Array<[RExpr, RExpr]> = rows.map((r) => [str(r.name), { k: 'array', items: [str(r.type), str(r.from)] }]);
  return {
    kind: 'call',
    comment: [
      'Variables set outside the converted input, read here as plain Chef because their type is known:',
      'a value of another type fails the run now, rather than converging differently from Ansible.',
    ],
    expr: call({ k: 'const', path: ['A2C', 'Inputs'] }, 'check!', [nodeRef, str(namespace), { k: 'hash', pairs }]),
  };
}
