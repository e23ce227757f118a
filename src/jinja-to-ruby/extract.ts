// Ansible's `extract` filter (`item | extract(container, morekeys)`) is `container[item]` followed
// by each of morekeys, every step Jinja's own subscript (environment.getitem): as that subscript
// chain it translates, and observes undefinedness, as a written one does.
import type { Expr } from '../load/jinja/ast.js';

/** The subscript chain an extract filter stands for, or why it is not translated. */
export function extractChain(f: Extract<Expr, { kind: 'filter' }>): Expr | { why: string } {
  const [container, more] = f.args;
  if (!container || f.args.length > 2 || f.kwargs.length) return { why: 'extract takes a container and optional keys, positionally' };
  const keys: Expr[] = more === undefined ? [] : more.kind === 'list' ? more.items : [more];
  if (keys.some((k) => k.kind !== 'const' || (typeof k.value !== 'string' && typeof k.value !== 'number')) || (more && !keys.length))
    return { why: 'extract with keys other than a literal string, number or list of them is not translated' };
  return keys.reduce<Expr>((node, arg) => ({ kind: 'getitem', node, arg, pos: f.pos }), {
    kind: 'getitem',
    node: container,
    arg: f.node,
    pos: f.pos,
  });
}
