// Shared state of one load: the input index, the diagnostic sink and a parse cache
// (each file is read and parsed once).
import type { Diagnostic, DiagnosticSink } from '../../base/diagnostics.js';
import type { InputIndex } from './input.js';
import { decodeText } from './input.js';
import { parseYaml, type YDoc, type YNode } from './yaml.js';
import type { VarEntry, VarFile } from './model.js';
import { isMap, keyName } from './yaccess.js';

export class LoadContext {
  private readonly yamlCache = new Map<string, YDoc[]>();
  private readonly textCache = new Map<string, string>();
  private readonly unreadable = new Map<string, Diagnostic>();

  constructor(
    readonly index: InputIndex,
    readonly sink: DiagnosticSink,
    readonly canonicalModule: (name: string) => string,
  ) {}

  text(path: string): string | undefined {
    const cached = this.textCache.get(path);
    if (cached !== undefined) return cached;
    const bytes = this.index.bytes(path);
    if (!bytes) return undefined;
    const { text, invalid } = decodeText(bytes);
    if (invalid) this.sink.warning('A2C-ENCODING', 'file is not valid UTF-8; invalid bytes were replaced', { file: path, line: 1, col: 1 });
    const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
    this.textCache.set(path, clean);
    return clean;
  }

  /** A template's text as Ansible reads it: a BOM is kept (it is rendered into the output). */
  templateText(path: string): string | undefined {
    const text = this.text(path);
    if (text === undefined) return undefined;
    const bytes = this.index.bytes(path)!;
    return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' + text : text;
  }

  /** Every document of a YAML file, parsed once; syntax errors and limits go to the sink. */
  private parsed(path: string): YDoc[] {
    const cached = this.yamlCache.get(path);
    if (cached) return cached;
    const text = this.text(path);
    const before = this.sink.items.length;
    const docs = text === undefined ? [] : parseYaml(text, path, this.sink);
    const failure = this.sink.items.slice(before).find((d) => d.severity === 'error');
    if (failure && docs.length === 0) this.unreadable.set(path, failure);
    this.yamlCache.set(path, docs);
    return docs;
  }

  /**
   * The document of a YAML file, as a list of at most one; [] when missing or broken (with a
   * diagnostic). Ansible reads exactly one document per file and refuses a file with more, so such
   * a file is an error here too, and none of its documents is used.
   */
  yaml(path: string): YDoc[] {
    const docs = this.parsed(path);
    if (docs.length <= 1) return docs;
    const d = this.sink.error(
      'A2C-YAML-MULTIDOC',
      'a second YAML document starts here: Ansible reads one document per file and refuses this file, so none of it is converted',
      docs[1]!.start,
    );
    if (!this.unreadable.has(path)) this.unreadable.set(path, d);
    return [];
  }

  /**
   * The first document's root without judging the file: what detection looks at (is this a
   * playbook?). A file with several documents is reported only once it is read as input.
   */
  peekRoot(path: string): YNode | null {
    return this.parsed(path)[0]?.root ?? null;
  }

  /** The error that made a YAML file unreadable (syntax, limits, several documents), if any. */
  readError(path: string): Diagnostic | undefined {
    this.yaml(path);
    return this.unreadable.get(path);
  }

  /** The first document's root (Ansible reads one document per file). */
  yamlRoot(path: string): YNode | null {
    const docs = this.yaml(path);
    return docs[0]?.root ?? null;
  }

  varFile(path: string): VarFile {
    // A vault-encrypted file is never decrypted: its variable names are unknown without the key.
    if (this.text(path)?.startsWith('$ANSIBLE_VAULT;')) {
      this.sink.warning(
        'A2C-VAULT-FILE',
        'vault-encrypted variables file: never decrypted, so its variables are not converted; store them as chef-vault items (see CONVERSION.md)',
        { file: path, line: 1, col: 1 },
      );
      return { file: path, entries: [] };
    }
    const root = this.yamlRoot(path);
    return { file: path, entries: varEntries(root, this.sink) };
  }
}

export function varEntries(root: YNode | null, sink: DiagnosticSink): VarEntry[] {
  if (root === null) return [];
  if (root.kind === 'scalar' && root.value === null) return [];
  if (!isMap(root)) {
    sink.error('A2C-SHAPE', 'a variables file must hold a mapping', root.span);
    return [];
  }
  return root.entries.map((e) => ({ name: keyName(e.key), value: e.value, span: e.key.span }));
}

export const YAML_EXT = /\.(ya?ml|json)$/;

/** `main.yml`, `main.yaml`, `main` as Ansible looks them up in a role folder. */
export function findMain(ctx: LoadContext, dir: string, name = 'main'): string | undefined {
  for (const ext of ['.yml', '.yaml', '.json', '']) {
    const p = `${dir}/${name}${ext}`;
    if (ctx.index.has(p)) return p;
  }
  return undefined;
}
