import { describe, expect, it } from 'vitest';
import { once } from '../../src/base/once.js';

describe('once', () => {
  it('makes nothing until asked, then makes the value once and hands the same one out', () => {
    let made = 0;
    const get = once(() => {
      made++;
      return { n: made };
    });
    expect(made).toBe(0);
    const first = get();
    expect(get()).toBe(first);
    expect(made).toBe(1);
  });

  it('keeps an undefined value as made, not as missing', () => {
    let made = 0;
    const get = once(() => {
      made++;
      return undefined;
    });
    get();
    get();
    expect(made).toBe(1);
  });
});
