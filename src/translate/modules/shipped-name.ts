// A template or file the cookbook ships keeps its name from the input. A name the writer refuses
// (a control character such as a newline, or a backslash) would leave the resource pointing at a
// file that is never written: the task becomes a TODO instead, with the error at the name.
import { isSafeOutputPath } from '../../ir/output-path.js';
import type { Span } from '../../base/diagnostics.js';
import { Untranslatable } from '../../base/failure.js';

export function unshippableName(kind: 'template' | 'file' | 'archive', name: string, span: Span | undefined): Untranslatable | undefined {
  if (isSafeOutputPath(name)) return undefined;
  return new Untranslatable(
    'A2C-UNSAFE-PATH',
    `${kind} name ${JSON.stringify(name)} holds a control character or backslash: the cookbook cannot ship a file of that name; not converted`,
    span,
  );
}

/** The names among `names` that the cookbook can ship. */
export function shippable(names: readonly string[]): { ok: string[]; refused: string[] } {
  return { ok: names.filter(isSafeOutputPath), refused: names.filter((n) => !isSafeOutputPath(n)) };
}
