// The places the audit reads: every template of every role, every variable definition and every
// task argument (module args, free-form command lines, ini_file values). Each becomes rendered
// lines for scan.ts, with a Source saying which node a fix is keyed by (src/audit/fixes.ts).
import { argOf } from '../load/ansible/task-args.js';
import type { Project, Task, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { Span } from '../base/diagnostics.js';
import type { Rewrite } from './findings.js';
import { applyWhitespace, parseString, parseTemplate } from '../load/jinja/index.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import { fixKey } from './fixes.js';
import { renderLines, type Line, type Out } from './lines.js';
import { bracketKey, certFromAddress, literalNodeName, scanRendered, type Collector, type Source } from './scan.js';
import { type Definition, elements, NO_LOCALS, scalarSpanOf, type Env, type Val } from './values.js';
import { classifyLiteral } from './ip.js';

export function scanTemplates(
  project: Project,
  text: (file: string) => string | undefined,
  c: Collector,
  parse: TemplateParser = parseTemplate,
): void {
  const seen = new Set<string>();
  for (const role of [...project.roles.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    for (const rel of role.templates) {
      const file = `${role.dir ? role.dir + '/' : ''}templates/${rel}`;
      const body = text(file);
      if (body === undefined || seen.has(file)) continue;
      seen.add(file);
      const parsed = parse(body);
      if (!parsed.ok) continue;
      // The translator applies whitespace control the same way: text nodes keep these positions.
      const nodes = applyWhitespace(parsed.value.nodes, parsed.value.settings);
      const env: Env = { locals: NO_LOCALS, spanOf: (p) => ({ file, line: p.line, col: p.col }) };
      const rendered = renderLines(nodes, env, c.flow);
      scanRendered(
        rendered,
        {
          file,
          service: role.name,
          spanOf: (o) => ({ file, line: o.pos.line, col: o.pos.col }),
          lineSpan: (l) => ({ file, line: l.line, col: 1 }),
          wrap: (o) => ({ keys: [fixKey.template(file, o.pos)], action: { k: 'ipwrap' } }),
          v6: (o) => ({ keys: [fixKey.template(file, o.pos)], action: { k: 'ipv6' } }),
          text: (l: Line, from, to) => {
            const node = l.texts.find((n) => n.kind === 'text' && n.text.includes(from));
            return node ? { keys: [fixKey.template(file, node.pos)], action: { k: 'text', from, to } } : undefined;
          },
        },
        c,
      );
    }
  }
}

/** Every string in a variable's value: joins by variable, bracket keys, bind names, TLS path variables. */
export function scanVariables(serviceOf: (e: Pick<Definition, 'span'>) => string, c: Collector): void {
  // group_vars can reach the project twice (beside the inventory and beside the playbooks).
  const scanned = definitionsSeen();
  for (const e of c.flow.all) {
    if (scanned(e)) continue;
    // vars and set_fact values of a no_log task: reported without their values.
    c.hidden = !!e.hidden;
    const service = serviceOf(e);
    // A string under a bracket key inside the value (`cinder_backends: {lvm: {iscsi_ip_address: ...}}`)
    // is bracketed where the value is written (attribute, Policyfile, node file): a template that
    // writes the dict's items (`{{ key }}={{ value }}`) shows no key the template scan could read.
    // A variable named like the key is no config key: a template writing it under the key wraps it there.
    let at: PathLink | undefined;
    const how: How = {
      service,
      bracket: (key) => {
        if (!at) return { why: 'a variable is bracketed where a template writes it under the key' };
        if (c.bracketedInTemplates.has(key.toLowerCase()))
          return { why: `a template writes ${key} inside brackets already, bracketing the value would make [[addr]]` };
        return { rewrite: { keys: [fixKey.definition(e.span)], action: { k: 'ipwrap-at', path: pathOf(at) } } };
      },
    };
    walkStrings(e.node, e.name, (node, key, path) => {
      at = path;
      scanString(node, key, c, { locals: NO_LOCALS, spanOf: scalarSpanOf(node) }, how);
    });
    const pathRule = c.rules.pathVariables.find((p) => p.pattern.test(e.name));
    if (pathRule && e.node.kind === 'scalar') {
      c.pathVariables.push({
        kind: pathRule.kind,
        service,
        expr: c.show(String(e.node.value)),
        attributes: [c.attributeOf(e.name)],
        span: e.node.span,
      });
      if (typeof e.node.value === 'string' && composedFromV6(e.node, c)) certFromAddress(e.node.value, e.node.span, c);
    }
    c.hidden = false;
  }
}

/** Columns and lines below this (a file holds at most 64 MB) make one exact number of a position. */
const POSITION_LIMIT = 2 ** 26;

/**
 * A test that says whether a definition of the same name at the same place (file, line, column) was
 * seen before, and records it. By file, then position as a number: a string key made of the name, the
 * file and the position for every definition, and hashed, was a tenth of the audit on a large defaults
 * file (issue 17).
 */
function definitionsSeen(): (d: Pick<Definition, 'name' | 'span'>) => boolean {
  const byFile = new Map<string, Map<number | string, string[]>>();
  return ({ name, span: { file, line, col } }) => {
    let byPosition = byFile.get(file);
    if (byPosition === undefined) byFile.set(file, (byPosition = new Map()));
    const at = line < POSITION_LIMIT && col < POSITION_LIMIT ? line * POSITION_LIMIT + col : `${line}:${col}`;
    const names = byPosition.get(at);
    if (names === undefined) byPosition.set(at, [name]);
    else if (names.includes(name)) return true;
    else names.push(name);
    return false;
  };
}

function composedFromV6(node: YNode, c: Collector): boolean {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return false;
  const parsed = parseString(node.value);
  if (!parsed.ok || parsed.value.length < 2) return false;
  const env: Env = { locals: NO_LOCALS, spanOf: scalarSpanOf(node) };
  return parsed.value.some((n) => n.kind === 'output' && c.flow.expr(n.expr, env).some((l) => l.cls === 'v6'));
}

export function scanTasks(project: Project, c: Collector): void {
  const visit = (service: string) => (item: TaskItem) => {
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].forEach(visit(service));
    // A no_log task (its own or inherited): its findings say what and where, never its values.
    c.hidden = item.noLog !== undefined;
    scanTask(item, service, c);
    c.hidden = false;
  };
  for (const role of project.roles.values())
    [...role.taskFiles.values(), ...role.handlerFiles.values()].forEach((l) => l.forEach(visit(role.name)));
  for (const book of project.playbooks)
    for (const play of book.plays) [play.preTasks, play.tasks, play.postTasks, play.handlers].forEach((l) => l.forEach(visit(play.hosts)));
}

function scanTask(task: Task, service: string, c: Collector): void {
  const loop = loopOf(task);
  // A task with no loop binds nothing: its strings share the one empty map (locals are only read).
  const locals: ReadonlyMap<string, Val[]> = loop
    ? new Map([['item', c.flow.node(loop, 'item').flatMap((v) => ('leaves' in v ? loopLeaves(loop, c) : elements(v, c.flow)))]])
    : NO_LOCALS;
  const source: How = {
    service,
    // --ipv6-only reaches literal task text line by line (lineinfile line, copy content) and INI option values.
    text: (node: YNode, l: Line, from: string, to: string) =>
      /\uE000/.test(l.text) ? undefined : { keys: [fixKey.scalar(node.span)], action: { k: 'line', line: l.text, from, to } },
    literal: (node: YNode, from: string, to: string) => ({ keys: [fixKey.scalar(node.span)], action: { k: 'literal', from, to } }),
  };
  const strings = (node: YNode, key: string, how: How = source) =>
    walkStrings(node, key, (n, k) => scanString(n, k, c, { locals, spanOf: scalarSpanOf(n) }, how));
  const arg = (k: string) => argOf(task, k);
  // ini_file's value is the value of its option: the option name is the key the bind rules read.
  const option = task.module === 'community.general.ini_file' ? arg('option') : undefined;
  const optionName =
    option?.kind === 'scalar' && typeof option.value === 'string' && !option.value.includes('{') ? option.value : undefined;
  for (const a of task.args) strings(a.value, a.key, a.key === 'value' && optionName ? { ...source, bindKey: optionName } : source);
  if (task.freeForm) strings(task.freeForm, '_raw_params');

  if (task.module === 'community.general.ini_file') {
    const option = arg('option');
    const value = arg('value');
    const key = option?.kind === 'scalar' ? String(option.value) : undefined;
    if (
      key &&
      c.rules.bracketKeys.includes(key) &&
      value?.kind === 'scalar' &&
      typeof value.value === 'string' &&
      !value.value.trim().startsWith('[')
    ) {
      bracketKey(key, value.span, { keys: [fixKey.scalar(value.span)], action: { k: 'ipwrap' } }, `'${value.value}'`, c);
    }
  }
  const provider = arg('provider');
  if (
    c.rules.selfSignedModules.includes(task.module) &&
    provider?.kind === 'scalar' &&
    c.rules.selfSignedProviders.includes(String(provider.value))
  ) {
    c.add({
      rule: 'self-signed',
      severity: 'warning',
      span: provider.span,
      message: `${task.module} with provider ${c.show(String(provider.value))} makes a self-signed certificate`,
      fix: 'use a certificate from the company PKI',
    });
  }
}

/** The value of a task's first loop keyword (`loop`, `with_*`), if any. */
function loopOf(task: Task): YNode | undefined {
  for (const [k, v] of task.keywords) if (k === 'loop' || k.startsWith('with_')) return v;
  return undefined;
}

/** `loop: "{{ var }}"`: the elements of the list the variable holds. */
function loopLeaves(loop: YNode, c: Collector): Val[] {
  if (loop.kind !== 'scalar' || typeof loop.value !== 'string') return [];
  const parsed = parseString(loop.value);
  const only = parsed.ok && parsed.value.length === 1 ? parsed.value[0] : undefined;
  if (only?.kind !== 'output') return [];
  return c.flow.vals(only.expr, { locals: NO_LOCALS, spanOf: scalarSpanOf(loop) }).flatMap((v) => elements(v, c.flow));
}

/** Calls back for every string scalar, with the innermost map key above it. */
/** Where a string sits inside a variable's value: its hash key or array index, and the link above it. */
interface PathLink {
  seg: string | number;
  up: PathLink | undefined;
}

function pathOf(at: PathLink): (string | number)[] {
  const path: (string | number)[] = [];
  for (let l: PathLink | undefined = at; l; l = l.up) path.unshift(l.seg);
  return path;
}

function walkStrings(node: YNode, key: string, f: (n: YNode, key: string, at: PathLink | undefined) => void, at?: PathLink): void {
  if (node.kind === 'scalar') {
    if (typeof node.value === 'string' && !node.unsafe) f(node, key, at);
  } else if (node.kind === 'seq') node.items.forEach((i, n) => walkStrings(i, key, f, { seg: n, up: at }));
  else
    for (const e of node.entries) {
      const k = e.key.kind === 'scalar' ? String(e.key.value) : undefined;
      // A key that is not a string scalar (a number, a list) names no hash entry the fix could find.
      walkStrings(e.value, k ?? key, f, { seg: k ?? '\u0000', up: at });
    }
}

/** How a scanned string's fixes are keyed; `text` and `literal` only where literal text can be rewritten (task arguments). */
interface How {
  service: string;
  text?: (node: YNode, line: Line, from: string, to: string) => Rewrite | undefined;
  literal?: (node: YNode, from: string, to: string) => Rewrite;
  /** The option a literal value is set for, where it is not the YAML key (ini_file's `option`). */
  bindKey?: string;
  /** The fix of a string under a bracket key, or why there is none (variable definitions). */
  bracket?: (key: string) => { rewrite?: Rewrite; why?: string };
}

/**
 * The Source of a YAML string: one object per scanned string, whose spans and fixes are made only
 * when a rule finds something (most strings of a variables file hold nothing any rule reads). A
 * closure per callback, made for every string, was 40% of what scanning a string allocated.
 */
class StringSource implements Source {
  readonly service: string;
  readonly key: string;
  readonly text?: (line: Line, from: string, to: string) => Rewrite | undefined;

  constructor(
    private readonly node: YNode,
    key: string,
    how: How,
  ) {
    this.service = how.service;
    this.key = how.bindKey ?? key;
    const text = how.text;
    if (text) this.text = (l, from, to) => text(node, l, from, to);
  }

  /** Read when asked: each read of a composed node's span makes an object (see scalarSpanOf). */
  get file(): string {
    return this.node.span.file;
  }

  spanOf(o: Out): Span {
    return scalarSpanOf(this.node)(o.pos);
  }

  lineSpan(l: Line): Span {
    return l.line === 1 ? this.node.span : scalarSpanOf(this.node)({ line: l.line, col: 1 });
  }

  /** A `{{ }}` of the string is keyed by the scalar and its position in the string. */
  wrap(o: Out): Rewrite {
    return { keys: [fixKey.inString(this.node.span, o.pos)], action: { k: 'ipwrap' } };
  }
}

function scanString(node: YNode, key: string, c: Collector, env: Env, how: How): void {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return;
  const text = node.value;
  const parsed = parseString(text);
  if (!parsed.ok) return;
  const rendered = renderLines(parsed.value, env, c.flow);
  scanRendered(rendered, new StringSource(node, key, how), c);
  if (how.literal && parsed.value.every((n) => n.kind === 'text'))
    literalBind(text, how.bindKey ?? key, node, (from, to) => how.literal!(node, from, to), c);
  // The span is made only where a rule may report (see scalarSpanOf).
  if (/node_?name/i.test(key) || /^rabbit@/.test(text.trim())) literalNodeName(text, node.span, c);
  if (!c.rules.bracketKeys.includes(key)) return;
  if (classifyLiteral(text) === 'v6') {
    const b = how.bracket?.(key);
    bracketKey(key, node.span, b?.rewrite, `'${text}'`, c, b?.why);
  }
  const only = parsed.value.length === 1 ? parsed.value[0] : undefined;
  if (only?.kind === 'output') {
    const leaves = c.flow.expr(only.expr, env);
    if (!leaves.every((l) => l.cls === 'wrapped')) {
      const b = how.bracket?.(key);
      bracketKey(key, scalarSpanOf(node)(only.pos), b?.rewrite, text, c, b?.why);
    }
  }
}

/**
 * A literal IPv4 address as the whole value of a bind option (`option: bind_host` + `value: 0.0.0.0`,
 * `bind_host: 0.0.0.0` in config_template overrides): the option is read as a template line would be,
 * `bind_host = 0.0.0.0`, by the same table of bind names and line patterns.
 */
function literalBind(text: string, key: string, node: YNode, literal: (from: string, to: string) => Rewrite, c: Collector): void {
  const lit = text.trim();
  if (classifyLiteral(lit) !== 'v4') return;
  const line = `${key} = `;
  if (!c.rules.bindNames.some((re) => re.test(key)) && !c.rules.bindLines.some((re) => re.test(line))) return;
  const span = node.span;
  const to = c.rules.bindRewrite.get(lit);
  const done = c.ipv6Only && to !== undefined ? c.rewrite(literal(lit, to), span, `'${lit}' -> '${to}'`) : false;
  c.add({
    rule: 'ipv4-bind',
    severity: 'warning',
    span,
    message: `\`${key} = ${lit}\` binds to the IPv4-only address ${lit}`,
    fix: done ? `rewritten to ${to} (--ipv6-only)` : to ? `bind to ${to} (--ipv6-only rewrites it)` : 'bind to an IPv6 address',
  });
}
