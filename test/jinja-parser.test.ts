import { parseTemplate, parseExpression, applyWhitespace } from '../src/jinja/index.js';
import { test } from "vitest"; test("s", () => {
const show = (x: unknown) => console.log(JSON.stringify(x));
show(parseExpression("a is version('2.0', '>=') and b is not defined"));
show(parseExpression("x.0 | ansible.utils.ipaddr('net') ~ 'a'"));
const t = parseTemplate("{% for k, v in x.items() if v %}\n  {{- k }}={{ v -}}\n{% else %}none{% endfor %}\n{# c #}\n{% raw %}{{ x }}{% endraw %}\n");
show(t);
if (t.ok) show(applyWhitespace(t.value.nodes, t.value.settings));
show(parseTemplate("{% if x %}\nfoo\n"));
show(parseTemplate("{{ a[1:2] }} {{ (a,) }} {{ a if b }} {% set ns.x = 1 %}{% set y | upper %}z{% endset %}"));
show(parseExpression("(a"));
});
