import { describe, expect, it } from 'vitest';
import { jmespathFunctions } from '../../src/jinja-to-ruby/jmespath-scan.js';

describe('jmespathFunctions', () => {
  it.each([
    ['users[*].name', []],
    ["length(users[?state=='x'])", ['length']],
    ['sort_by(a, &b) | max_by (@, &c)', ['sort_by', 'max_by']],
    ["[?name == 'sort_by(x)']", []],
    ['[?name == `"min_by("`]', []],
    ['"max_by"(x)', []],
    ["[?a == 'it\\'s sort_by(']", []],
    ['[?a == `"\\`min_by("`] | join(`,`, b)', ['join']],
  ] as const)('%s', (expr, names) => {
    expect(jmespathFunctions(expr)).toEqual(names);
  });
});
