// Role names in ansible2chef.toml that match nothing in the input: an `include` typo is an error
// (the run would convert less than asked and say it succeeded), other lists and `[cookbook-names]`
// keys are warnings; each names the config file, the line and the key, with a close match.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, removeTempDirs, runCli, tempDir, writeTree } from '../helpers/workflow.js';
import { configRoleDiagnostics } from '../../src/config/role-names.js';
import { emptyConfig } from '../../src/config/schema.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

const ROLES = { 'roles/web/tasks/main.yml': '- debug: msg=web\n', 'roles/db/tasks/main.yml': '- debug: msg=db\n' };

function project(config: string): { input: string; out: string } {
  const dir = tempDir();
  writeTree(join(dir, 'in'), { ...ROLES, 'ansible2chef.toml': config });
  return { input: join(dir, 'in'), out: join(dir, 'out') };
}

describe('config role names that match no role', () => {
  it('[roles] include with a typo: error with file:line and a suggestion, non-zero exit, even with -q', () => {
    const { input, out } = project('[roles]\ninclude = ["wbe"]\n');
    const r = runCli(['convert', input, '-o', out, '-q']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "ansible2chef.toml:2:1: error A2C-CONFIG-ROLE [roles] include names 'wbe', which is no role or cookbook of the input (did you mean 'web'?)",
    );
    expect(existsSync(join(out, 'web'))).toBe(false);
  });

  it('a good name beside the typo is still converted', () => {
    const { input, out } = project('[roles]\ninclude = ["db", "wbe"]\n');
    const r = runCli(['convert', input, '-o', out]);
    expect(r.status).toBe(1);
    expect(existsSync(join(out, 'db', 'recipes', 'default.rb'))).toBe(true);
  });

  it('a typo in [cookbook-names] or [roles] frozen is a warning; the run succeeds', () => {
    const { input, out } = project('[roles]\nfrozen = ["dbb"]\n\n[cookbook-names]\nweb = "site_web"\nwebb = "x"\n');
    const r = runCli(['convert', input, '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "ansible2chef.toml:2:1: warning A2C-CONFIG-ROLE [roles] frozen names 'dbb', which is no role or cookbook of the input (did you mean 'db'?)",
    );
    expect(r.stderr).toContain(
      "ansible2chef.toml:6:1: warning A2C-CONFIG-ROLE [cookbook-names] key 'webb' names no role of the input, so it renames nothing (did you mean 'web'?)",
    );
    expect(r.stderr).not.toContain("key 'web'");
    expect(existsSync(join(out, 'site_web'))).toBe(true);
  });

  it('adding a typo after a clean run is reported, not answered with "up to date"', () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    writeTree(input, ROLES);
    writeTree(dir, { 'ansible2chef.toml': 'input = "in"\noutput = "out"\n' });
    expect(runCli(['convert'], dir).status).toBe(0);
    writeTree(dir, { 'ansible2chef.toml': 'input = "in"\noutput = "out"\n[roles]\ninclude = ["wbe"]\n' });
    const r = runCli(['convert'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error A2C-CONFIG-ROLE [roles] include names 'wbe'");
  });

  it.each(['check', 'diff'])('%s reports an include typo too, and fails', (command) => {
    const dir = tempDir();
    writeTree(join(dir, 'in'), ROLES);
    writeTree(dir, { 'ansible2chef.toml': 'input = "in"\noutput = "out"\n' });
    expect(runCli(['convert'], dir).status).toBe(0);
    writeTree(dir, { 'ansible2chef.toml': 'input = "in"\noutput = "out"\n[roles]\ninclude = ["wbe"]\n' });
    const r = runCli([command], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ansible2chef.toml:4:1: error A2C-CONFIG-ROLE [roles] include names 'wbe'");
  });

  it('no suggestion when nothing is close; cookbook names are accepted in the roles lists', () => {
    const config = { ...emptyConfig(), roles: { include: ['zzzzzz', 'site_web'], exclude: [], frozen: [] } };
    const d = configRoleDiagnostics(config, 'a.toml', '[roles]\ninclude = ["zzzzzz"]\n', {
      selectable: ['web', 'site_web', 'db'],
      roles: ['web', 'db'],
    });
    expect(d.map((x) => x.message)).toEqual(["[roles] include names 'zzzzzz', which is no role or cookbook of the input"]);
  });
});
