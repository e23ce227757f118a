// ansible2chef.toml: validation (unknown keys are errors naming the key and its line), precedence
// (flags over config over defaults), and `init`'s default file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { defaultConfigText } from '../../src/config/default-text.js';
import { resolveSettings } from '../../src/cli/settings.js';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

afterAll(() => removeTempDirs());

describe('config validation', () => {
  it('accepts every documented key', () => {
    const { config, diagnostics } = parseConfig(
      `input = "ansible"\noutput = "chef"\nnamespace = "site"\nipv6-only = true\ntls-policy = "strict"\nmapping-dirs = ["m"]\nplugins = ["p.ts"]\n[roles]\ninclude = ["a"]\nexclude = ["b"]\nfrozen = ["c"]\n[cookbook]\nmaintainer = "Ops"\nmaintainer-email = "ops@example.org"\nlicense = "Apache-2.0"\nsource-url = "https://git.example.org/{cookbook}"\n[cookbook-names]\ncinder = "os_cinder"\n[extra-var-types]\nx = "list[{a: str}]"\n`.replace(
        'plugins = ["p.ts"]\n',
        'plugins = ["p.ts"]\nextra-var-files = ["gv"]\n',
      ),
      'ansible2chef.toml',
    );
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      input: 'ansible',
      output: 'chef',
      namespace: 'site',
      ipv6Only: true,
      tlsPolicy: 'strict',
      roles: { include: ['a'], exclude: ['b'], frozen: ['c'] },
      cookbookNames: { cinder: 'os_cinder' },
      mappingDirs: ['m'],
      plugins: ['p.ts'],
      cookbook: {
        maintainer: 'Ops',
        maintainerEmail: 'ops@example.org',
        license: 'Apache-2.0',
        sourceUrl: 'https://git.example.org/{cookbook}',
      },
      extraVarFiles: ['gv'],
      extraVarTypes: { x: { t: 'list', item: { t: 'dict', fields: { a: { t: 'str' } } } } },
    });
  });

  it('names an unknown key with its line', () => {
    const { diagnostics } = parseConfig('output = "x"\n\n[roles]\nfrozn = ["a"]\n', 'cfg.toml');
    expect(diagnostics).toEqual([
      {
        code: 'A2C-CONFIG-KEY',
        severity: 'error',
        message: 'roles.frozn: unknown key (expected include, exclude, frozen)',
        span: { file: 'cfg.toml', line: 4, col: 1 },
      },
    ]);
    expect(parseConfig('ouput = "x"\n', 'c').diagnostics[0]!.message).toBe('ouput: unknown key');
  });

  it('rejects wrong types and bad TOML with a position', () => {
    const d = parseConfig('ipv6-only = "yes"\ntls-policy = "lax"\n[cookbook-names]\na = "no spaces"\n', 'c').diagnostics.map(
      (x) => x.message,
    );
    expect(d).toEqual([
      'ipv6-only: must be true or false',
      'tls-policy: must be "warn" or "strict"',
      'cookbook-names.a: must be a cookbook name (letters, digits, _ and -)',
    ]);
    const syntax = parseConfig('a = [\n', 'c').diagnostics[0]!;
    expect(syntax.code).toBe('A2C-CONFIG-SYNTAX');
    // The unclosed array is found at the end of the input.
    expect(syntax.span).toEqual({ file: 'c', line: 2, col: 1 });
  });

  it('the default written by init parses without a diagnostic', () => {
    expect(parseConfig(defaultConfigText('playbooks', 'cookbooks-out'), 'c').diagnostics).toEqual([]);
  });
});

describe('settings precedence', () => {
  it('flags override the config, the config overrides defaults; config paths are relative to the file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'ansible2chef.toml'),
      'input = "src"\noutput = "dst"\nnamespace = "site"\nipv6-only = true\n[cookbook]\nlicense = "MIT"\n[cookbook-names]\nsvc000 = "svc_zero"\n',
    );
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const fromConfig = resolveSettings(undefined, { config: join(dir, 'ansible2chef.toml') }, sub);
    expect(fromConfig.ok && fromConfig.settings).toMatchObject({
      inputPath: join(dir, 'src'),
      outDir: join(dir, 'dst'),
      options: { namespace: 'site', ipv6Only: true, cookbookNames: { svc000: 'svc_zero' }, cookbookMetadata: { license: 'MIT' } },
    });
    const flags = resolveSettings('other', { config: join(dir, 'ansible2chef.toml'), out: 'o', namespace: 'ns' }, sub);
    expect(flags.ok && flags.settings).toMatchObject({
      inputPath: join(sub, 'other'),
      outDir: join(sub, 'o'),
      options: { namespace: 'ns' },
    });
    const none = resolveSettings(undefined, {}, sub);
    expect(none.ok && none.settings).toMatchObject({
      inputPath: join(sub, 'playbooks'),
      outDir: join(sub, 'cookbooks-out'),
      options: { namespace: 'ansible' },
    });
  });
});

describe('CLI with a config', () => {
  beforeAll(() => ensureBuilt());

  it('init writes a default once; convert reads it from the input directory; a bad key is a usage error', () => {
    const dir = tempDir();
    writeTree(join(dir, 'playbooks'), syntheticProject(1));
    expect(runCli(['init', dir]).status).toBe(0);
    expect(runCli(['init', dir]).status).toBe(1);
    expect(readFileSync(join(dir, 'ansible2chef.toml'), 'utf8')).toContain('# frozen = []');
    const ok = runCli(['convert', '--json'], dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).output).toBe('cookbooks-out');
    // The config beside the input names a cookbook.
    writeFileSync(join(dir, 'playbooks', 'ansible2chef.toml'), '[cookbook-names]\nsvc000 = "svc_zero"\n');
    const named = runCli(['convert', 'playbooks', '--out', 'o2', '-q'], dir);
    expect(named.status, named.stderr).toBe(0);
    expect(readFileSync(join(dir, 'o2/svc_zero/metadata.rb'), 'utf8')).toContain("name 'svc_zero'");
    writeFileSync(join(dir, 'playbooks', 'ansible2chef.toml'), 'outptu = "x"\n');
    const bad = runCli(['convert', 'playbooks'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('outptu: unknown key');
  });
});
