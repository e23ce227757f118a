// Summarises a sampling heap profile written by bench/alloc-hook.mjs: bytes allocated over the run
// by function (default) or by file, the top N. An allocation inside a built-in (a spread, a Map, a
// join, an iterator's next) is charged to the nearest JavaScript caller, which is the code to change.
// Usage: node bench/alloc-summary.mjs FILE [--files] [N]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const byFile = args.includes('--files');
const [file, top = '30'] = args.filter((a) => a !== '--files');
if (!file) {
  process.stderr.write('usage: node bench/alloc-summary.mjs FILE [--files] [N]\n');
  process.exit(2);
}
const { head } = JSON.parse(readFileSync(file, 'utf8'));
const short = (url) => url.replace(/^file:\/\/.*?\/(node_modules|dist|bench)\//, '$1/');
const sums = new Map();
let total = 0;
// Iterative, not recursive: a deep profile would overflow the stack.
const stack = [[head, '(root)']];
while (stack.length) {
  const [node, owner] = stack.pop();
  const f = node.callFrame;
  const here = f.url ? (byFile ? short(f.url) : `${f.functionName || '(anonymous)'} ${short(f.url)}:${f.lineNumber + 1}`) : owner;
  if (node.selfSize) {
    total += node.selfSize;
    sums.set(here, (sums.get(here) ?? 0) + node.selfSize);
  }
  for (const c of node.children) stack.push([c, here]);
}
process.stdout.write(`allocated ${(total / 1e6).toFixed(0)} MB (sampled)\n`);
for (const [k, bytes] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  process.stdout.write(`${(bytes / 1e6).toFixed(1).padStart(8)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${k}\n`);
}
