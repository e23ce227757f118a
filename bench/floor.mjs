// The floor the budget is measured against: read every input file and parse the YAML ones with
// js-yaml's loadAll, nothing else. Run as its own process, like the CLI, so both pay Node's start-up.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';

/** @param {string} dir */
function walk(dir) {
  let n = 0;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== '.git') n += walk(full);
      continue;
    }
    const text = readFileSync(full, 'utf8');
    if (/\.ya?ml$/.test(name)) {
      // Corpus files include a few that js-yaml rejects; the floor still paid for reading them.
      try {
        loadAll(text);
      } catch {}
    }
    n++;
  }
  return n;
}

walk(process.argv[2] ?? '.');
