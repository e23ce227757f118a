// CONVERSION.md's "The play's hosts": what an operator sets for the cookbooks that read Ansible's
// play hosts with static groups (translate/play-hosts.ts), and which converted Policyfiles set it.
import type { PolicyFile } from '../ir/chef-ir.js';
import { magicAttributePaths } from '../jinja-to-ruby/magic.js';
import { attributeText } from '../base/attribute-text.js';

/** The section, or nothing when no cookbook reads the play's hosts from the attribute. */
export function playHostsMarkdown(readers: readonly string[], policies: readonly PolicyFile[], namespace: string): string[] {
  if (!readers.length) return [];
  const path = magicAttributePaths(namespace).playHosts;
  const attr = attributeText(path);
  const key = path.join('\0');
  const setting = policies.filter((p) => p.attributes.some((a) => a.path.join('\0') === key));
  const row = (cb: string) => {
    const by = setting.filter((p) => p.cookbooks.includes(cb)).map((p) => `\`policyfiles/${p.name}.rb\``);
    return `| \`${cb}\` | ${by.length ? by.join(', ') : `none: set it in the Policyfile that runs \`recipe[${cb}]\``} |`;
  };
  return [
    "## The play's hosts",
    '',
    "These cookbooks read Ansible's play hosts (`ansible_play_hosts`, `ansible_play_hosts_all`,",
    `\`ansible_play_batch\`, \`play_hosts\`) from \`${attr}\`: the hosts of the play that runs them,`,
    'in inventory order. A Policyfile converted from a play that runs one sets it; a Policyfile written to',
    `run one of them must set it too (\`default${path.map((k) => `['${k}']`).join('')} = %w(host1 host2)\`),`,
    'or the run stops naming it. The list is assumed to hold no host that failed or was unreachable,',
    'which Ansible leaves out for the rest of the play.',
    '',
    '| cookbook | set by |',
    '|---|---|',
    ...[...readers].sort().map(row),
    '',
  ];
}
