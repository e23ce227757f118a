// Python's shlex.split in POSIX mode, the one splitter of the tool: Ansible splits command lines with
// it (comments=False) and inventory host lines (comments=True). Quotes group and are removed (an empty
// pair is an empty word), a backslash escapes any character outside quotes and only `"` and `\`
// inside double quotes; with comments, `#` outside quotes ends the line, and the next line goes on.
// test/load/shlex-differential.test.ts holds it to /usr/bin/python3's shlex on both modes, errors included.

/** Python's ValueError messages, kept so a diagnostic reads as Ansible's would. */
export type ShlexError = { error: 'No closing quotation' | 'No escaped character' };

const WHITESPACE = ' \t\r\n';

export function shlexSplit(text: string, options: { comments?: boolean } = {}): string[] | ShlexError {
  const words: string[] = [];
  let word = '';
  // A word has begun: quotes alone begin one, so `''` is an empty word.
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { error: 'No closing quotation' };
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return { error: 'No closing quotation' };
        const d = text[i]!;
        if (d === '"') break;
        if (d === '\\') {
          if (i + 1 >= text.length) return { error: 'No escaped character' };
          const next = text[i + 1]!;
          word += next === '"' || next === '\\' ? next : d + next;
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return { error: 'No escaped character' };
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else if (WHITESPACE.includes(c)) {
      end();
      i++;
    } else if (c === '#' && options.comments) {
      end();
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  return words;
}
