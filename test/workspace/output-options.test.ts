// Issue 15 item 18: every command accepts the options that change the output and reads them the same
// way (flags, then the config, then what the last convert recorded in the manifest), so a `check`
// after `convert --ipv6-only` compares with an --ipv6-only conversion instead of advising a convert
// that would undo it.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO, removeTempDirs, runCli, tempDir } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

/** The example project (it has IPv4-only binds, so --ipv6-only changes the output) in a temp dir. */
function project(): string {
  const dir = tempDir();
  cpSync(join(REPO, 'playbooks'), join(dir, 'proj'), { recursive: true });
  return join(dir, 'proj');
}

const manifest = (out: string) =>
  JSON.parse(readFileSync(join(out, '.ansible2chef', 'manifest.json'), 'utf8')) as { options?: Record<string, unknown> };

describe('output-changing options', () => {
  it('check, diff and plan reuse the options of the last convert and say so', () => {
    const proj = project();
    expect(runCli(['convert', '.', '--ipv6-only', '-q'], proj).status).toBe(0);
    expect(manifest(join(proj, 'cookbooks-out')).options).toEqual({ ipv6Only: true });

    const check = runCli(['check', '.'], proj);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stderr).toContain(
      'using the options of the last convert, recorded in cookbooks-out/.ansible2chef/manifest.json: --ipv6-only',
    );
    const diff = runCli(['diff', '.'], proj);
    expect(diff.status, diff.stdout + diff.stderr).toBe(0);
    expect(runCli(['check', '.', '--ipv6-only'], proj).status).toBe(0);

    // A flag overrides the recorded option, and the advice repeats it.
    const off = runCli(['check', '.', '--no-ipv6-only'], proj);
    expect(off.status).toBe(1);
    expect(off.stderr).toContain('run `ansible2chef convert --no-ipv6-only`');
    expect(off.stderr).toContain('haproxy/attributes/default.rb');

    // plan takes -o (whose manifest it reads) and the same flags.
    const plan = runCli(['plan', '.', '-o', 'cookbooks-out', '--json'], proj);
    expect(plan.status, plan.stderr).toBe(0);
    expect(runCli(['plan', '.', '--ipv6-only', '--tls-policy', 'strict', '--groups', 'search', '--json'], proj).status).toBe(0);
  });

  it('a plain convert keeps the recorded options; --no-ipv6-only drops them', () => {
    const proj = project();
    const out = join(proj, 'cookbooks-out');
    expect(runCli(['convert', '.', '--ipv6-only', '-q'], proj).status).toBe(0);
    const attrs = () => readFileSync(join(out, 'haproxy', 'attributes', 'default.rb'), 'utf8');
    const v6 = attrs();
    expect(runCli(['convert', '.', '--force', '-q'], proj).status).toBe(0);
    expect(attrs()).toBe(v6);
    expect(runCli(['convert', '.', '--no-ipv6-only', '-q'], proj).status).toBe(0);
    expect(attrs()).not.toBe(v6);
    expect(manifest(out).options).toBeUndefined();
    expect(runCli(['check', '.'], proj).status).toBe(0);
  });

  it('the config wins over the manifest: a config change makes the output stale', () => {
    const proj = project();
    expect(runCli(['convert', '.', '--ipv6-only', '-q'], proj).status).toBe(0);
    writeFileSync(join(proj, 'ansible2chef.toml'), 'ipv6-only = false\n');
    const r = runCli(['check', '.'], proj);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain('using the options of the last convert');
  });

  it('audit reads the config given with -c, and its output directory, like the other commands', () => {
    const proj = project();
    writeFileSync(join(proj, 'ansible2chef.toml'), 'input = "."\ntls-policy = "strict"\n');
    const elsewhere = join(proj, '..', 'elsewhere');
    mkdirSync(elsewhere);
    const r = runCli(['audit', '-c', '../proj/ansible2chef.toml'], elsewhere);
    expect(r.stderr).not.toContain('unknown option');
    expect(r.stdout).toContain('IPv6 and TLS');
    // strict from the config: the example's self-signed material is an error, as with --tls-policy strict.
    const flag = runCli(['audit', '../proj', '--tls-policy', 'strict'], elsewhere);
    expect(r.status).toBe(flag.status);
    expect(runCli(['audit', '../proj', '--ipv6-only', '--groups', 'search', '--json'], elsewhere).stderr).not.toContain('unknown option');
  });

  it('--mappings is recorded relative to the output and read back by check', () => {
    const proj = project();
    mkdirSync(join(proj, '..', 'maps'));
    writeFileSync(join(proj, '..', 'maps', 'modules.toml'), '');
    expect(runCli(['convert', '.', '--mappings', '../maps', '-q'], proj).status).toBe(0);
    expect(manifest(join(proj, 'cookbooks-out')).options).toEqual({ mappings: ['../../maps'] });
    const r = runCli(['check', '.'], proj);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/using the options of the last convert.*--mappings \S*maps/);
  });
});
