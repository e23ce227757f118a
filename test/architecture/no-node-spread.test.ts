// A composed YAML node keeps its span behind a getter (src/load/ansible/yaml-nodes.ts: one packed
// integer instead of an object per node), so `{ ...node }` makes a copy without a span, and TypeScript
// types that copy as if it had one: every diagnostic at the copy would then lose its file:line. Only
// the type checker knows which spreads are of nodes, so this test asks it, over all of src/.
import { resolve } from 'node:path';
import { Node, Project, SyntaxKind, type Type } from 'ts-morph';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const NODE_TYPES = new Set(['YScalar', 'YSeq', 'YMap', 'YNode', 'ComposedScalar', 'ComposedSeq', 'ComposedMap']);

function isYamlNode(t: Type): boolean {
  if (t.isTypeParameter()) {
    const c = t.getConstraint();
    return c !== undefined && isYamlNode(c);
  }
  if (t.isUnion()) return t.getUnionTypes().some(isYamlNode);
  if (t.isIntersection()) return t.getIntersectionTypes().some(isYamlNode);
  const name = t.getAliasSymbol()?.getName() ?? t.getSymbol()?.getName();
  return name !== undefined && NODE_TYPES.has(name);
}

/** `file:line: text` of every object spread of a YAML node; copyNode's result has its span as an own field. */
function nodeSpreads(project: Project, under: string): string[] {
  const hits: string[] = [];
  for (const file of project.getSourceFiles()) {
    if (!file.getFilePath().startsWith(under)) continue;
    for (const spread of file.getDescendantsOfKind(SyntaxKind.SpreadAssignment)) {
      const e = spread.getExpression();
      if (Node.isCallExpression(e) && e.getExpression().getText() === 'copyNode') continue;
      if (isYamlNode(e.getType()))
        hits.push(`${file.getFilePath().slice(ROOT.length + 1)}:${spread.getStartLineNumber()}: ${spread.getText()}`);
    }
  }
  return hits;
}

describe('copies of YAML nodes', () => {
  const project = new Project({ tsConfigFilePath: resolve(ROOT, 'tsconfig.json') });

  it('the check finds a spread of a node, directly or through a type parameter', () => {
    const probe = project.createSourceFile(
      resolve(ROOT, 'src/load/ansible/__spread_probe__.ts'),
      [
        "import type { YNode, YScalar } from './yaml.js';",
        "import { copyNode } from './yaml-nodes.js';",
        'export const a = (n: YScalar) => ({ ...n, value: 1 });',
        'export const b = <T extends YNode>(n: T) => ({ ...n });',
        'export const ok = (n: YScalar) => ({ ...copyNode(n, {}), value: 1 });',
        'export const other = (o: { x: number }) => ({ ...o });',
      ].join('\n'),
    );
    try {
      expect(nodeSpreads(project, probe.getFilePath()).map((h) => h.replace(/^.*:(\d+): /, '$1: '))).toEqual(['3: ...n', '4: ...n']);
    } finally {
      project.removeSourceFile(probe);
    }
  });

  it('no file of src/ copies a node with a spread (use copyNode)', () => {
    expect(nodeSpreads(project, resolve(ROOT, 'src') + '/')).toEqual([]);
  });
});
