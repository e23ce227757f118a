// Free-form `k=v` module arguments, split the way Ansible's splitter does: whitespace separates
// tokens except inside quotes and inside Jinja `{{ }}` / `{% %}` / `{# #}` blocks.

export interface FreeFormParse {
  params: Array<{ key: string; value: string }>;
  /** What is left after k=v extraction (the command line for command/shell). */
  raw: string;
}

/** Split on whitespace, keeping quoted parts and Jinja blocks together (quotes kept in tokens). */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const two = text.slice(i, i + 2);
    if (!quote && (two === '{{' || two === '{%' || two === '{#')) {
      depth++;
      cur += two;
      i++;
      continue;
    }
    if (!quote && depth > 0 && (two === '}}' || two === '%}' || two === '#}')) {
      depth--;
      cur += two;
      i++;
      continue;
    }
    if (depth === 0 && (c === '"' || c === "'")) {
      if (quote === c && text[i - 1] !== '\\') quote = null;
      else if (!quote) quote = c;
      cur += c;
      continue;
    }
    if (!quote && depth === 0 && /\s/.test(c)) {
      if (cur) tokens.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur) tokens.push(cur);
  return tokens;
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/**
 * Parse free-form arguments. With `rawOnly` (command-like modules) only the given keys are
 * extracted and everything else stays in `raw`, in order.
 */
export function parseFreeForm(text: string, rawKeys: ReadonlySet<string> | null): FreeFormParse {
  const params: Array<{ key: string; value: string }> = [];
  const rest: string[] = [];
  for (const tok of splitArgs(text)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(tok);
    if (m && (rawKeys === null || rawKeys.has(m[1]!))) {
      params.push({ key: m[1]!, value: unquote(m[2]!) });
    } else {
      rest.push(tok);
    }
  }
  return { params, raw: rest.join(' ') };
}
