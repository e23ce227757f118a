// LiftNames finds the names in use only when a local is first named: finding them walks every
// expression of a recipe, and most recipes name no local.
import { describe, expect, it } from 'vitest';
import { LiftNames } from '../../src/print/print-value.js';

describe('LiftNames', () => {
  it('asks for the names in use once, when the first name is chosen, and avoids them', () => {
    let asked = 0;
    const names = new LiftNames(() => {
      asked++;
      return ['port', 'port_value', 'value'];
    });
    expect(asked).toBe(0);
    expect(names.fresh('port')).toBe('value_2');
    expect(names.fresh('port')).toBe('value_3');
    expect(names.fresh('host')).toBe('host');
    expect(asked).toBe(1);
  });

  it('takes the names in use as a list too', () => {
    expect(new LiftNames(['mode']).fresh('mode')).toBe('mode_value');
  });
});
