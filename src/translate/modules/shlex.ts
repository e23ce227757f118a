// POSIX-mode shlex.split as Python does it (Ansible splits command lines with it):
// quotes group, backslash escapes outside single quotes, `#` does not start a comment.
export function shlexSplit(text: string): string[] | null {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return null;
      cur += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const d = text[i]!;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        // Python's posix shlex escapes only the quote and the backslash inside double quotes.
        if (d === '\\' && i + 1 < text.length && '\\"'.includes(text[i + 1]!)) {
          cur += text[i + 1];
          i += 2;
          continue;
        }
        cur += d;
        i++;
      }
      if (!closed) return null;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return null;
      cur += text[i + 1];
      inWord = true;
      i += 2;
    } else if (/[ \t\r\n]/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
