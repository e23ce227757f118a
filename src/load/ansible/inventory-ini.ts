// Ansible INI inventories, read with the rules of ansible-core's `ini` inventory plugin: sections
// `[g]`, `[g:children]`, `[g:vars]`; host lines split like a POSIX shell (shlex, `#` comments);
// values through Python's ast.literal_eval (so `a=1` is an int, `a="1"` too: shlex drops the quotes,
// while `[g:vars]` lines are not shell-split); host ranges `web[01:03]`; `host:port`.

import type { DiagnosticSink, Span } from '../../base/diagnostics.js';
import { literalEval } from './python-literal.js';
import { shlexSplit } from './shlex.js';

export interface IniHost {
  name: string;
  vars: Record<string, unknown>;
  span: Span;
}

export interface IniGroup {
  hosts: IniHost[];
  children: string[];
  vars: Record<string, unknown>;
  span: Span;
}

/** Groups in the order the file declares them; `all` and `ungrouped` always exist, as in Ansible. */
export interface IniInventory {
  groups: Map<string, IniGroup>;
}

const SECTION_RE = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME_RE = /^([^:\]\s]+)\s*(?:#.*)?$/;

interface Pending {
  state: 'vars' | 'children';
  span: Span;
  parents: string[];
}

export function parseIniInventory(text: string, file: string, sink: DiagnosticSink): IniInventory {
  const groups = new Map<string, IniGroup>();
  const at = (line: number, col = 1): Span => ({ file, line, col });
  const ensure = (name: string, span: Span): IniGroup => {
    let g = groups.get(name);
    if (!g) {
      g = { hosts: [], children: [], vars: {}, span };
      groups.set(name, g);
    }
    return g;
  };
  ensure('all', at(1));
  ensure('ungrouped', at(1));
  // Like Ansible: a group named only by `[g:vars]` or as a child must be defined somewhere.
  const pending = new Map<string, Pending>();
  const declared = new Set(['all', 'ungrouped']);

  let group = 'ungrouped';
  let state = 'hosts';
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.trim();
    const col = rawLine.length - rawLine.trimStart().length + 1;
    const span = at(lineNo, col);
    if (line === '' || line[0] === '#' || line[0] === ';') return;

    const section = SECTION_RE.exec(line);
    if (section) {
      group = section[1] as string;
      state = section[2] ?? 'hosts';
      if (!['hosts', 'children', 'vars'].includes(state)) {
        sink.error('A2C-INI-SECTION', `section [${group}:${state}] has unknown type: ${state}`, span);
        state = 'skip';
        return;
      }
      if (!declared.has(group) && state === 'vars' && !pending.has(group)) {
        pending.set(group, { state: 'vars', span, parents: [] });
      }
      const g = ensure(group, span);
      if (state !== 'vars' && !declared.has(group)) {
        // A group's position is where its hosts or children are declared.
        g.span = span;
        declared.add(group);
        pending.delete(group);
      }
      return;
    }
    if (line.startsWith('[') && line.endsWith(']')) {
      sink.error('A2C-INI-SECTION', `invalid section entry '${line}': no spaces or other characters allowed`, span);
      state = 'skip';
      return;
    }

    if (state === 'hosts') parseHostLine(line, span, ensure(group, span), sink);
    else if (state === 'vars') parseVarLine(line, span, ensure(group, span), sink);
    else if (state === 'children') {
      const m = GROUP_NAME_RE.exec(line);
      if (!m) {
        sink.error('A2C-INI-SYNTAX', `expected a group name, got: ${line}`, span);
        return;
      }
      const child = m[1] as string;
      const parent = ensure(group, span);
      if (!parent.children.includes(child)) parent.children.push(child);
      if (!declared.has(child)) {
        const p = pending.get(child);
        if (p?.state === 'children') p.parents.push(group);
        else pending.set(child, { state: 'children', span, parents: [group] });
        ensure(child, span);
      }
    }
  });

  for (const [name, p] of pending) {
    const message =
      p.state === 'vars'
        ? `section [${name}:vars] is not valid for undefined group: ${name}`
        : `section [${p.parents.at(-1) ?? ''}:children] includes undefined group: ${name}`;
    sink.error('A2C-INI-UNDEFINED', message, p.span);
  }
  return { groups };
}

function parseVarLine(line: string, span: Span, group: IniGroup, sink: DiagnosticSink): void {
  const eq = line.indexOf('=');
  if (eq < 0) {
    sink.error('A2C-INI-SYNTAX', `expected key=value, got: ${line}`, span);
    return;
  }
  const key = line.slice(0, eq).trim();
  setVar(group.vars, key, iniValue(line.slice(eq + 1).trim(), span, sink));
}

function parseHostLine(line: string, span: Span, group: IniGroup, sink: DiagnosticSink): void {
  const tokens = shlexSplit(line, { comments: true });
  if (!Array.isArray(tokens)) {
    sink.error('A2C-INI-SYNTAX', `error parsing host definition '${line}': ${tokens.error}`, span);
    return;
  }
  const [pattern, ...assignments] = tokens;
  if (pattern === undefined) return;
  const vars: Record<string, unknown> = {};
  for (const t of assignments) {
    const eq = t.indexOf('=');
    if (eq < 0) {
      sink.error('A2C-INI-SYNTAX', `expected key=value host variable assignment, got: ${t}`, span);
      return;
    }
    setVar(vars, t.slice(0, eq), iniValue(t.slice(eq + 1), span, sink));
  }
  const { names, port, error } = expandHostPattern(pattern);
  if (error) {
    sink.error('A2C-INI-HOST', error, span);
    return;
  }
  for (const name of names) {
    const hostVars: Record<string, unknown> = {};
    // Ansible sets the port from `host:port` first; a later ansible_port= on the line wins.
    if (port !== undefined) hostVars['ansible_port'] = port;
    for (const [k, v] of Object.entries(vars)) setVar(hostVars, k, v);
    group.hosts.push({ name, vars: hostVars, span });
  }
}

function setVar(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function iniValue(text: string, span: Span, sink: DiagnosticSink): unknown {
  const r = literalEval(text);
  if (r.ok) return r.value;
  if (r.unsupported) {
    sink.warning('A2C-INI-VALUE', `Python ${r.unsupported} are not supported; the value is kept as text`, span);
  }
  return text;
}

/** Splits `host:port` (also `[v6]:port`) and expands `[a:b]` / `[a:b:step]` ranges. */
export function expandHostPattern(pattern: string): { names: string[]; port?: number; error?: string } {
  let host = pattern;
  let port: number | undefined;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:([0-9]+)$/.exec(pattern);
  const hostPort = /^((?:[^:[\]]|\[[^\]]*\])+):([0-9]+)$/.exec(pattern);
  if (v6) [host, port] = [v6[1] as string, Number(v6[2])];
  else if (hostPort) [host, port] = [hostPort[1] as string, Number(hostPort[2])];
  if (/:$/.test(pattern) && port === undefined) {
    return { names: [], error: `invalid host pattern '${pattern}': a trailing ':' is reserved for a port` };
  }
  const expanded = expandRanges(host);
  if (typeof expanded === 'string') return { names: [], error: expanded };
  if (expanded.some((n) => n.trim() === '---')) {
    return { names: [], error: `invalid host pattern '${pattern}': '---' is normally a sign this is a YAML file` };
  }
  return port === undefined ? { names: expanded } : { names: expanded, port };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function expandRanges(name: string): string[] | string {
  const open = name.indexOf('[');
  if (open < 0) return [name];
  const close = name.indexOf(']', open);
  if (close < 0) return `host range in '${name}' is not closed`;
  const [head, body, tail] = [name.slice(0, open), name.slice(open + 1, close), name.slice(close + 1)];
  const bounds = body.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) return 'host range must be begin:end or begin:end:step';
  const beg = bounds[0] || '0';
  const end = bounds[1] ?? '';
  const step = Number(bounds[2] ?? '1');
  if (!end) return 'host range must specify end value';
  if (!Number.isInteger(step) || step <= 0) return `invalid host range step '${bounds[2] ?? ''}'`;
  const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
  if (width && width !== end.length) return 'host range must specify equal-length begin and end formats';
  let seq: string[];
  const [ib, ie] = [LETTERS.indexOf(beg), LETTERS.indexOf(end)];
  if (beg.length === 1 && end.length === 1 && ib >= 0 && ie >= 0) {
    if (ib > ie) return 'host range must have begin <= end';
    seq = [];
    for (let i = ib; i <= ie; i += step) seq.push(LETTERS[i] as string);
  } else {
    if (!/^[0-9]+$/.test(beg) || !/^[0-9]+$/.test(end)) return `invalid host range '[${body}]'`;
    seq = [];
    for (let i = Number(beg); i <= Number(end); i += step) seq.push(width ? String(i).padStart(width, '0') : String(i));
  }
  const out: string[] = [];
  for (const part of seq) {
    const rest = expandRanges(head + part + tail);
    if (typeof rest === 'string') return rest;
    out.push(...rest);
  }
  return out;
}
