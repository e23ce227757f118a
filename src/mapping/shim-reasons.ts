// mappings/shim-reasons.toml: A2C::Jinja helper -> the reason CONVERSION.md gives for each call
// left in a converted cookbook (report/shim-uses.ts).
import { type At, fail, strings, sub } from '../config/table-schema.js';

/** The reason a helper listed under none is counted under. */
export const OTHER_SHIM_REASON = 'Jinja filter or test';

export interface ShimReasons {
  /** Helper name -> reason. */
  byHelper: ReadonlyMap<string, string>;
}

export function checkShimReasons(doc: Record<string, unknown>, at: At): ShimReasons {
  const byHelper = new Map<string, string>();
  for (const [reason, helpers] of Object.entries(doc)) {
    if (reason === OTHER_SHIM_REASON) fail(sub(at, reason), `'${OTHER_SHIM_REASON}' is where unlisted helpers count; it lists none`);
    for (const h of strings(helpers, sub(at, reason))) {
      const before = byHelper.get(h);
      if (before !== undefined) fail(sub(at, reason), `helper '${h}' is already listed under '${before}'`);
      byHelper.set(h, reason);
    }
  }
  return { byHelper };
}
