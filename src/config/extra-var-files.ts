// `extra-var-files` of ansible2chef.toml: the variable files a source outside the input sets (the
// group_vars of an inventory that is not converted), read for their variables' types only
// (resolve/extra-sources.ts). A folder stands for every .yml/.yaml/.json file under it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export interface ExtraVarFile {
  /** The file named from the folder or file the config gives (no machine path). */
  file: string;
  text: string;
}

export function readExtraVarFiles(paths: readonly string[]): ExtraVarFile[] {
  const out: ExtraVarFile[] = [];
  for (const given of paths) {
    const base = dirname(given);
    const walk = (p: string) => {
      if (statSync(p).isDirectory()) {
        for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
      } else if (/\.(ya?ml|json)$/.test(p) || p === given) {
        out.push({ file: relative(base, p).split('\\').join('/') || basename(p), text: readFileSync(p, 'utf8') });
      }
    };
    walk(given);
  }
  return out;
}
