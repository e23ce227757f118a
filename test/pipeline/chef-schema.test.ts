// Everything the converter emits exists in Chef Infra 18: resource types, properties, actions and
// notification actions, checked against shared/chef/resources.json (read from the real client) and
// the support cookbook's own resources. Checked on the bundled example, the whole corpus, the module
// cases, and statically on every entry of mappings/modules.toml.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';
import { corpusEntries } from '../../src/scripts/corpus.js';
import { builtinModuleTable } from '../../src/mapping/builtin.js';
import { SUPPORT_RESOURCES } from '../../src/support-cookbook/files.js';
import type { Cookbook, ResourceStmt } from '../../src/ir/chef-ir.js';
import { allResources, convertRole } from '../helpers/convert-helpers.js';
import { KEYWORD_CASES, MODULE_CASES } from '../helpers/module-cases.js';
import { requireOrSkip } from '../helpers/real-tools.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(repoRoot, '../shared');
const schemaFile = join(shared, 'chef/resources.json');
const corpusDir = join(shared, 'corpus');

interface ResourceSchema {
  actions: string[];
  properties: Record<string, unknown>;
}
interface Schema {
  about: string;
  common_properties: string[];
  resources: Record<string, ResourceSchema>;
}

/**
 * Properties Chef defines as methods rather than declared properties, so the client's resource
 * inspector does not list them. The first two rows are the ones resources.json's `about` names; the
 * others are methods of the same kind in Chef 18's source (RubyBlock#block, HttpRequest#message,
 * RemoteFile#source).
 */
const METHOD_PROPERTIES: Record<string, string[]> = {
  template: ['source', 'local', 'cookbook', 'variables', 'helper', 'helpers', 'verify'],
  file: ['verify'],
  cookbook_file: ['verify'],
  remote_file: ['source', 'verify'],
  ruby_block: ['block'],
  http_request: ['message'],
};
/** `name` is declared on Chef::Resource itself, so every resource has it. */
const UNIVERSAL = ['name'];

const haveShared = existsSync(schemaFile);

class Checker {
  readonly problems: string[] = [];
  constructor(private readonly schema: Schema) {}

  type(name: string): { actions: string[]; properties: string[] } | undefined {
    const builtin = this.schema.resources[name];
    if (builtin) return { actions: builtin.actions, properties: [...Object.keys(builtin.properties), ...(METHOD_PROPERTIES[name] ?? [])] };
    const support = SUPPORT_RESOURCES[name];
    if (support) return { actions: support.actions, properties: Object.keys(support.properties) };
    return undefined;
  }

  hasProperty(type: string, prop: string): boolean {
    const t = this.type(type);
    return !!t && (t.properties.includes(prop) || this.schema.common_properties.includes(prop) || UNIVERSAL.includes(prop));
  }

  resource(r: ResourceStmt, where: string): void {
    const at = `${where}: ${r.origin.span.file}:${r.origin.span.line} ${r.type}`;
    const t = this.type(r.type);
    if (!t) {
      this.problems.push(`${at}: no such resource type`);
      return;
    }
    for (const p of r.properties) if (!this.hasProperty(r.type, p.name)) this.problems.push(`${at}: no property '${p.name}'`);
    for (const a of r.actions) if (!t.actions.includes(a)) this.problems.push(`${at}: no action :${a}`);
    for (const n of r.notifies) {
      const target = this.type(n.resourceType);
      if (!target) this.problems.push(`${at}: notifies unknown resource type ${n.resourceType}`);
      else if (!target.actions.includes(n.action)) this.problems.push(`${at}: notifies ${n.resourceType} with no action :${n.action}`);
    }
  }

  cookbooks(cookbooks: Cookbook[], where: string): number {
    let n = 0;
    for (const cb of cookbooks) {
      for (const recipe of cb.recipes) {
        for (const r of allResources(recipe.stmts)) {
          this.resource(r, `${where} ${cb.name}::${recipe.name}`);
          n++;
        }
      }
    }
    return n;
  }
}

function loadSchema(): Schema {
  return JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
}

describe.skipIf(!requireOrSkip('shared/chef/resources.json', haveShared))('emitted Chef exists in Chef 18', () => {
  it('the method-defined properties named by resources.json are the ones this test allows', () => {
    const about = loadSchema().about;
    for (const p of METHOD_PROPERTIES['template']!) expect(about).toContain(p);
    expect(about).toContain('verify');
  });

  it('the bundled example', async () => {
    const checker = new Checker(loadSchema());
    const input = readInput(join(repoRoot, 'playbooks'));
    const result = await convert(input.tree, { rootName: input.rootName });
    expect(checker.cookbooks(result.cookbooks, 'playbooks')).toBeGreaterThan(10);
    expect(checker.problems).toEqual([]);
  });

  it('the module cases', async () => {
    const checker = new Checker(loadSchema());
    let n = 0;
    for (const c of [...Object.values(MODULE_CASES).flat(), ...KEYWORD_CASES]) {
      const result = await convertRole(c.files);
      n += checker.cookbooks(result.cookbooks, c.title);
    }
    expect(n).toBeGreaterThan(50);
    expect(checker.problems).toEqual([]);
  });

  const corpus = existsSync(corpusDir) ? corpusEntries(corpusDir) : [];
  describe.skipIf(!requireOrSkip('shared/corpus', corpus.length > 0))('the corpus', () => {
    let total = 0;
    for (const [entry, dir] of corpus) {
      it(entry, async () => {
        const checker = new Checker(loadSchema());
        const input = readInput(dir);
        const result = await convert(input.tree, inputOptions(input));
        total += checker.cookbooks(result.cookbooks, entry);
        expect(checker.problems).toEqual([]);
      });
    }
    it('checked a substantial number of resources', () => expect(total).toBeGreaterThan(200));
  });

  describe('mappings/modules.toml entries', () => {
    /** Translators that choose among several resources; a property must exist on one of them. */
    const ALTERNATIVES: Record<string, string[]> = {
      file: ['file', 'directory', 'link'],
      copy: ['cookbook_file', 'file'],
      cron: ['cron', 'cron_d'],
      openssl_privatekey: ['openssl_rsa_private_key', 'openssl_ec_private_key'],
    };
    /** Support resources that wrap a Chef resource, taking its properties and their own (apt's policy_rc_d). */
    const WRAPPERS: Record<string, string[]> = { apt_package: ['a2c_apt_package'] };
    for (const spec of builtinModuleTable().modules.values()) {
      if (!spec.resource) continue;
      it(spec.fqcn, () => {
        const checker = new Checker(loadSchema());
        const types = [...((spec.translator && ALTERNATIVES[spec.translator]) || [spec.resource!]), ...(WRAPPERS[spec.resource!] ?? [])];
        const problems: string[] = [];
        if (!checker.type(spec.resource!)) problems.push(`resource ${spec.resource} does not exist`);
        for (const [arg, p] of spec.params) {
          if (p.kind === 'property' && !types.some((t) => checker.hasProperty(t, p.property)))
            problems.push(`${arg}: no property '${p.property}' on ${types.join('/')}`);
          if (p.kind === 'action') {
            for (const [value, action] of Object.entries(p.values)) {
              for (const a of action.split('+'))
                if (!types.some((t) => checker.type(t)?.actions.includes(a)))
                  problems.push(`${arg}: ${value} -> no action :${a} on ${types.join('/')}`);
            }
          }
        }
        expect(problems).toEqual([]);
      });
    }
  });
});
