// The module methods the support cookbook's libraries define, read from their syntax tree with Prism:
// what generated code and the mapping tables may call as `A2C::<Module>.<method>`. A method counts when
// it is `def self.x` in the module, `def x` inside `class << self`, or `def x` after a bare
// `module_function` (until a bare private/public/protected ends that mode); methods of nested classes
// and private singleton methods do not.
import { loadRubyParser } from './prism.js';

type PrismModule = typeof import('@ruby/prism');
type PNode = InstanceType<PrismModule['ProgramNode']>['statements']['body'][number];

/** `A2C::Jinja` -> its public module methods, over every source given. */
export async function moduleMethods(sources: Iterable<{ path: string; content: string }>): Promise<Map<string, Set<string>>> {
  const parse = await loadRubyParser();
  const P = await import('@ruby/prism');
  const out = new Map<string, Set<string>>();
  const add = (mod: string, name: string) => {
    const set = out.get(mod) ?? new Set<string>();
    set.add(name);
    out.set(mod, set);
  };
  const statements = (n: PNode | null): PNode[] => (n instanceof P.StatementsNode ? n.body : n ? [n] : []);
  const constName = (n: PNode): string | undefined => {
    if (n instanceof P.ConstantReadNode) return n.name;
    if (n instanceof P.ConstantPathNode) {
      const parent = n.parent ? constName(n.parent) : '';
      return parent === undefined || n.name === null ? undefined : parent ? `${parent}::${n.name}` : n.name;
    }
    return undefined;
  };
  const symbols = (call: InstanceType<PrismModule['CallNode']>): string[] =>
    (call.arguments_?.arguments_ ?? []).flatMap((a) => (a instanceof P.SymbolNode ? [a.unescaped.value] : []));
  const bareCall = (n: PNode, name: string) => n instanceof P.CallNode && n.receiver === null && n.name === name && !n.arguments_;

  const moduleBody = (mod: string, body: PNode | null) => {
    let moduleFunction = false;
    const hidden = new Set<string>();
    const defined: string[] = [];
    for (const s of statements(body)) {
      if (s instanceof P.ModuleNode) {
        const name = constName(s.constantPath);
        if (name) moduleBody(`${mod}::${name}`, s.body);
      } else if (s instanceof P.DefNode) {
        if (s.receiver instanceof P.SelfNode || (s.receiver === null && moduleFunction)) defined.push(s.name);
      } else if (s instanceof P.SingletonClassNode && s.expression instanceof P.SelfNode) {
        singletonBody(s.body).forEach((m) => defined.push(m));
      } else if (bareCall(s, 'module_function')) moduleFunction = true;
      else if (bareCall(s, 'private') || bareCall(s, 'public') || bareCall(s, 'protected')) moduleFunction = false;
      else if (s instanceof P.CallNode && s.receiver === null && s.name === 'module_function') symbols(s).forEach((m) => defined.push(m));
      else if (s instanceof P.CallNode && s.receiver === null && s.name === 'private_class_method')
        symbols(s).forEach((m) => hidden.add(m));
    }
    for (const m of defined) if (!hidden.has(m)) add(mod, m);
  };
  /** Public methods of a `class << self` body. */
  const singletonBody = (body: PNode | null): string[] => {
    let visible = true;
    const names: string[] = [];
    for (const s of statements(body)) {
      if (s instanceof P.DefNode && s.receiver === null && visible) names.push(s.name);
      else if (bareCall(s, 'private') || bareCall(s, 'protected')) visible = false;
      else if (bareCall(s, 'public')) visible = true;
    }
    return names;
  };

  for (const { path, content } of sources) {
    const result = parse(content);
    if (result.errors.length) throw new Error(`${path} does not parse: ${result.errors[0]!.message}`);
    for (const s of statements(result.value.statements)) {
      if (s instanceof P.ModuleNode) {
        const name = constName(s.constantPath);
        if (name) moduleBody(name, s.body);
      }
    }
  }
  return out;
}
