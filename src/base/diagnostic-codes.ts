// Every diagnostic code the tool reports, in one table: its severity, what a TODO task carrying it
// needs before it can convert (the report groups TODO tasks by it), and the line the README shows.
// The sink accepts only these codes; the README's table is generated from this one
// (`npm run docs:codes`), and test/base/diagnostic-codes.test.ts checks every code is documented, used
// and tested.
//
// `severity` is the code's severity. A code whose severity depends on the case lists the other one
// in `also`, and its doc says when: call sites may use only these (tsc checks them).

import type { Severity } from './diagnostics.js';

/** What a TODO task needs before it converts; other diagnostics say what they ask of the reader. */
export type Need =
  | 'push-model'
  | 'controller'
  | 'rescue'
  | 'include-role'
  | 'service-api'
  | 'missing-role'
  | 'follows-kept'
  | 'follows-todo'
  | 'work-left'
  | 'input'
  | 'review'
  | 'note'
  | 'bug';

interface CodeEntry {
  readonly severity: Severity;
  readonly also?: Severity;
  readonly need: Need;
  readonly doc: string;
}

export const CODES = {
  // Input: YAML, INI inventories, shape of plays and tasks, files and paths.
  'A2C-ENCODING': { severity: 'warning', need: 'input', doc: 'a file that is not valid UTF-8: invalid bytes were replaced' },
  'A2C-YAML-SYNTAX': { severity: 'error', need: 'input', doc: 'a YAML syntax error, at its line:col' },
  'A2C-YAML-LIMIT': {
    severity: 'error',
    need: 'input',
    doc: 'a YAML file over the size, depth or alias-expansion limits (alias bombs); not read',
  },
  'A2C-YAML-MULTIDOC': {
    severity: 'error',
    need: 'input',
    doc: 'a second YAML document in a file: Ansible refuses the file, so none of it converts',
  },
  'A2C-YAML-ALIAS': { severity: 'error', need: 'input', doc: 'an undefined alias or a duplicate anchor' },
  'A2C-YAML-TAG': { severity: 'error', need: 'input', doc: 'an unknown or unsupported YAML tag' },
  'A2C-YAML-VALUE': {
    severity: 'error',
    also: 'warning',
    need: 'input',
    doc: 'a scalar PyYAML cannot build (error), or an integer too large to keep exactly (warning)',
  },
  'A2C-YAML-DUPKEY': { severity: 'warning', need: 'review', doc: 'a duplicate mapping key: the last value is used, as in Ansible' },
  'A2C-YAML-MERGE': { severity: 'error', need: 'input', doc: 'a `<<` merge of something that is not a mapping or a list of mappings' },
  'A2C-YAML-KEY': { severity: 'error', need: 'input', doc: 'a sequence or mapping used as a mapping key' },
  'A2C-INI-SECTION': { severity: 'error', need: 'input', doc: 'an INI inventory section header Ansible rejects' },
  'A2C-INI-SYNTAX': { severity: 'error', need: 'input', doc: 'an INI inventory line Ansible cannot parse' },
  'A2C-INI-HOST': { severity: 'error', need: 'input', doc: 'an INI inventory host pattern Ansible rejects' },
  'A2C-INI-UNDEFINED': {
    severity: 'error',
    need: 'input',
    doc: 'an INI inventory `:children` or `:vars` section for a group that is never defined',
  },
  'A2C-INI-VALUE': {
    severity: 'warning',
    need: 'review',
    doc: 'an INI inventory value of a Python literal type the tool does not support: kept as text',
  },
  'A2C-SHAPE': {
    severity: 'error',
    also: 'warning',
    need: 'input',
    doc: 'input of the wrong shape (a task that is not a mapping, tasks that are not a list); warning where only the task becomes a TODO (vars or a condition of the wrong type)',
  },
  'A2C-TASK-MULTI-MODULE': { severity: 'error', need: 'input', doc: 'a task naming two modules (or a module and an unknown keyword)' },
  'A2C-TASK-NO-MODULE': { severity: 'error', need: 'input', doc: 'a task naming no module' },
  'A2C-UNKNOWN-KEYWORD': { severity: 'warning', need: 'review', doc: 'an unknown play keyword, ignored' },
  'A2C-MISSING-FILE': {
    severity: 'error',
    need: 'input',
    doc: 'a referenced playbook, task file, vars file, template or file does not exist',
  },
  'A2C-MISSING-ROLE': {
    severity: 'error',
    need: 'missing-role',
    doc: 'a referenced role does not exist in the input (for include_role: also a templated name no role of the input fits; what the include would still need is named)',
  },
  'A2C-MISSING-HANDLER': { severity: 'error', need: 'input', doc: 'a notify naming no handler (by name or listen)' },
  'A2C-NOTHING-TO-CONVERT': {
    severity: 'error',
    also: 'warning',
    need: 'input',
    doc: "no playbook, role or `roles/` at the input's root; names the project folders below it (warning when an inventory still converts)",
  },
  'A2C-PATH-ESCAPE': {
    severity: 'warning',
    also: 'error',
    need: 'input',
    doc: "a path that leaves the input; never read (error for a playbook's own vars file or imported playbook)",
  },
  'A2C-UNSAFE-PATH': {
    severity: 'error',
    need: 'input',
    doc: 'a name the output cannot hold (control character, backslash): not written; a task using it is a TODO',
  },
  'A2C-ROLE-CYCLE': { severity: 'error', need: 'input', doc: 'a cycle of role dependencies' },
  'A2C-INCLUDE-CYCLE': { severity: 'error', need: 'input', doc: 'a cycle of task file includes' },
  'A2C-VAULT-FILE': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a vault-encrypted variables file: never decrypted, so its variables are not converted (store them as chef-vault items)',
  },
  'A2C-JINJA-SYNTAX': { severity: 'warning', need: 'input', doc: 'a Jinja syntax error, at its line:col' },
  'A2C-JINJA-REMOVED': {
    severity: 'warning',
    need: 'input',
    doc: 'a test used as a filter (`result | failed`), a form Ansible 2.9 removed and 2.14 fails on: write `result is failed`',
  },
  'A2C-JINJA-PYTHON2': {
    severity: 'warning',
    need: 'input',
    doc: 'a Python 2 form (`d.iteritems()`, `d.has_key(k)`, `d.items() + e.items()`) that Ansible 2.14, on Python 3, fails on: write `d.items()`, `k in d`, `d.items() | list`',
  },

  // Configuration, mapping tables and plugins.
  'A2C-CONFIG-MISSING': { severity: 'error', need: 'input', doc: 'the config file given with --config does not exist' },
  'A2C-CONFIG-SYNTAX': { severity: 'error', need: 'input', doc: 'a TOML syntax error in the config file' },
  'A2C-CONFIG-KEY': { severity: 'error', need: 'input', doc: 'an unknown config key or a value of the wrong type' },
  'A2C-CONFIG-PATH': {
    severity: 'error',
    need: 'input',
    doc: 'a path in the config or on the command line that cannot be used (missing, not a directory)',
  },
  'A2C-CONFIG-ROLE': {
    severity: 'warning',
    also: 'error',
    need: 'input',
    doc: 'a role name in the config that names no role of the input (error in `[roles] include`)',
  },
  'A2C-MAPPING-SYNTAX': { severity: 'error', need: 'input', doc: 'a TOML syntax error in a user mapping table' },
  'A2C-MAPPING-INVALID': { severity: 'error', need: 'input', doc: "a user mapping table entry that does not fit the table's schema" },
  'A2C-MAPPING-OVERRIDE': {
    severity: 'info',
    also: 'warning',
    need: 'note',
    doc: 'a user mapping entry replaces a built-in one (warning when it replaces a single value inside an entry)',
  },
  'A2C-MAPPING-CONFLICT': { severity: 'warning', need: 'review', doc: 'a user mapping table gives a module name another meaning' },
  'A2C-PLUGIN-TYPE': { severity: 'error', need: 'input', doc: 'a plugin that does not type-check against the plugin API' },
  'A2C-PLUGIN-IMPORT': { severity: 'error', need: 'input', doc: 'a plugin importing more than types from ansible2chef' },
  'A2C-PLUGIN-LOAD': { severity: 'error', need: 'input', doc: 'a plugin that fails to load' },
  'A2C-PLUGIN-SHAPE': {
    severity: 'error',
    need: 'input',
    doc: 'a plugin whose default export is not a module plugin of a supported API version',
  },
  'A2C-PLUGIN-ERROR': {
    severity: 'error',
    need: 'input',
    doc: 'a plugin that throws or returns something unexpected while converting a task: the task is a TODO',
  },

  // Output layout.
  'A2C-RESERVED-NAME': {
    severity: 'warning',
    also: 'error',
    need: 'review',
    doc: 'a role whose cookbook name the output layout uses (`ansible2chef_support`, `nodes`, `policyfiles`) becomes `<name>_role` (error when `[cookbook-names]` asks for it)',
  },
  'A2C-COOKBOOK-CLASH': { severity: 'error', need: 'input', doc: 'two roles become one cookbook name: the second is skipped' },
  'A2C-POLICY-CLASH': {
    severity: 'error',
    need: 'input',
    doc: 'two playbooks become one Policyfile name (`a.yml` beside `a.yaml`): the second play is left out',
  },
  'A2C-RECIPE-CLASH': {
    severity: 'error',
    need: 'input',
    doc: 'two task files of a role become one recipe name (`a/b.yml` and `a_b.yml`, `default.yml` beside `main.yml`): the second is a TODO',
  },
  'A2C-ATTRIBUTE-KEY': {
    severity: 'info',
    need: 'note',
    doc: "a role's variable keeps its own name as its attribute key, because its short key would be another variable's or is no plain name",
  },
  'A2C-NODE-UNUSED-VALUE': {
    severity: 'warning',
    need: 'review',
    doc: 'a host that runs no converted cookbook: its templated or vaulted variables are computed nowhere (left out of its node file)',
  },
  'A2C-EMPTY-PLAY': {
    severity: 'warning',
    need: 'review',
    doc: 'a play with nothing to run after conversion: no Policyfile is written for it',
  },

  // Plays, roles and keywords converted with a caveat.
  'A2C-PLAY-KEYWORD': {
    severity: 'warning',
    need: 'review',
    doc: 'a play keyword that steers a push run across hosts (serial, strategy, ...): nothing in Chef carries it',
  },
  'A2C-TODO-PLAY-KEYWORD': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a play keyword Ansible hands down to every task of the play (environment, become_user, module_defaults, ...) that the converted tasks do not carry',
  },
  'A2C-FACT-RUN-USER': {
    severity: 'warning',
    need: 'review',
    doc: "a read of ansible_env, ansible_user_id or another user fact (user_dir, user_uid, ...) in a play not proven to gather facts as root (no become, or another become_user): Ansible reads that user's, the converted run chef-client's (root)",
  },
  'A2C-DELEGATE-VARS': {
    severity: 'warning',
    need: 'review',
    doc: "run_once with delegate_to runs on the delegate with its attributes, where Ansible templates it with the first play host's variables",
  },
  'A2C-RUN-ONCE': { severity: 'info', need: 'note', doc: 'a run_once task runs on the one node Ansible picks: the guard names it' },
  'A2C-PLAY-PATTERN': {
    severity: 'info',
    need: 'note',
    doc: "a play's templated host pattern `{{ x | default('g') }}` reads as g: Ansible templates it with the play's own variables, and the input sets x in none of them",
  },
  'A2C-GROUP-FILLED-ELSEWHERE': {
    severity: 'warning',
    need: 'input',
    doc: 'a play runs on a group its inventory declares with no host: the inventory reads as a skeleton another (dynamic) inventory fills, so its empty groups are left out of `groups` (a read stops the run naming the group) where Ansible on it alone reads []',
  },
  'A2C-PLAY-HOSTS': {
    severity: 'info',
    need: 'note',
    doc: "ansible_play_hosts (and _all, ansible_play_batch, play_hosts) reads as the play's hosts: the attribute the Policyfile running the role sets (static groups) or Chef search, assuming no host fails or is unreachable",
  },

  // TODOs: a construct left as a visible TODO holding the original.
  'A2C-TODO-MODULE': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a module the mapping table does not hold (or a use of it that is not converted)',
  },
  'A2C-TODO-MODULE-ARGS': {
    severity: 'warning',
    need: 'input',
    doc: "a task giving none of the arguments its module requires one of (the table's `required_one_of`, from ansible-core 2.14's argument spec): Ansible fails it on every host before the module runs, so it stays a TODO naming them",
  },
  'A2C-TODO-SERVICE-MODULE': {
    severity: 'warning',
    need: 'service-api',
    doc: 'a module that drives a service API (OpenStack, Vault, MySQL, RabbitMQ, AWS, ACME, Docker): the mapping table holds none',
  },
  'A2C-TODO-PARAM': { severity: 'warning', need: 'work-left', doc: 'a module argument (or a value of it) not converted' },
  'A2C-TODO-MODE': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a file mode that is not a whole octal mode (symbolic, umask-dependent or invalid)',
  },
  'A2C-TODO-CHECKSUM': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a checksum other than sha256 (a templated one converts where its text starts `sha256:`: `A2C::Tasks.sha256_checksum` reads it as get_url does when the resource converges, failing the run on a digest that is not 64 hex digits)',
  },
  'A2C-TODO-COMMAND': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a command line that cannot be split as Ansible splits it (unbalanced quotes)',
  },
  'A2C-TODO-DYNAMIC-ACTION': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a templated `state` that decides which resource or action the task becomes',
  },
  'A2C-TODO-META': { severity: 'warning', need: 'work-left', doc: 'a `meta:` action with no Chef equivalent' },
  'A2C-TODO-KEYWORD': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a task keyword (or a value of it) not converted: failed_when, templated timeout or notify, until, ...',
  },
  'A2C-TODO-PUSH-MODEL': {
    severity: 'warning',
    need: 'push-model',
    doc: 'a push-model keyword (delegate_to, run_once, async, throttle, ...) with no pull-model equivalent: kept as a TODO by design',
  },
  'A2C-TODO-CONTROLLER': {
    severity: 'warning',
    need: 'controller',
    doc: 'work Ansible does on its controller (fetch; a lookup of its environment, commands, URLs or configuration): no Chef node is the controller, kept as a TODO by design',
  },
  'A2C-TODO-BLOCK-RESCUE': {
    severity: 'warning',
    need: 'rescue',
    doc: "a block's rescue section: Chef has none; its tasks are kept as a TODO by design",
  },
  'A2C-TODO-BLOCK-ALWAYS': {
    severity: 'warning',
    need: 'rescue',
    doc: "a block's always section: Chef has none; its tasks are kept as a TODO by design",
  },
  'A2C-TODO-LOOP': { severity: 'warning', need: 'work-left', doc: 'a loop form or loop_control option not converted' },
  'A2C-TODO-REGISTER': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a registered result used where it is not converted (read when the recipe compiles, a looped or argument-bearing register)',
  },
  'A2C-TODO-UNSET-READ': {
    severity: 'warning',
    need: 'follows-todo',
    doc: 'a read of a value no earlier converted task sets: a registered result, or a variable only TODO tasks set (that task is a TODO, comes later or is in another role); where every task of the cookbook that registers it is a TODO kept by design or beyond reach, the message names it and the read is counted with it',
  },
  'A2C-TODO-INCLUDE': {
    severity: 'warning',
    need: 'work-left',
    doc: 'an include or import of task files not converted (templated name, arguments, apply)',
  },
  'A2C-TODO-INCLUDE-ROLE': {
    severity: 'warning',
    need: 'include-role',
    doc: 'include_role in a loop, with arguments or a computed name (a recipe runs once and sees no caller variables), or with vars of a role a custom resource cannot carry (handlers, registered results, set_fact, includes, dependencies, unconverted tasks)',
  },
  'A2C-TODO-INCLUDE-VARS': {
    severity: 'warning',
    need: 'work-left',
    doc: 'an include_vars not converted (templated, conditional on more than facts or inside a block or include with a when, a computed first_found)',
  },
  'A2C-TODO-VARS-FILES': { severity: 'warning', need: 'work-left', doc: 'a vars_files entry that is not a plain file name' },
  'A2C-TODO-JINJA': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a Jinja expression or condition not translated to Ruby, at its line:col',
  },
  'A2C-TODO-TEMPLATE': { severity: 'warning', need: 'work-left', doc: 'a template (or a construct in it) not translated to ERB' },
  'A2C-TODO-DEFERRED': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a variable whose value is computed where it is used and cannot be translated there',
  },
  'A2C-TODO-VAULT': { severity: 'warning', need: 'work-left', doc: 'a vault-encrypted value where no chef-vault item can carry it' },
  'A2C-TODO-HANDLER': { severity: 'warning', need: 'work-left', doc: 'a handler that cannot become a notifiable resource' },
  'A2C-TODO-NOTIFY': { severity: 'warning', need: 'work-left', doc: 'a notification not converted (the handler is a TODO or unreachable)' },
  'A2C-TODO-ROLE': { severity: 'warning', need: 'work-left', doc: 'a templated role name in a play' },
  'A2C-TODO-ROLE-KEYWORD': {
    severity: 'warning',
    need: 'work-left',
    doc: 'a keyword on a role reference not applied (tags: never, or keywords the one cookbook cannot carry for every use)',
  },
  'A2C-TODO-ROLE-PARAMS': { severity: 'warning', need: 'work-left', doc: 'parameters of a role dependency not converted' },

  // Tasks left out because they have no effect.
  'A2C-IGNORED-NOOP': { severity: 'info', need: 'note', doc: 'a task with no effect (stat without register, meta: noop)' },
  'A2C-IGNORED-STAT': { severity: 'info', need: 'note', doc: 'a stat task: conditions on its result are translated where they are used' },
  'A2C-IGNORED-NOTIFY': { severity: 'info', need: 'note', doc: 'a notify on a task that never reports a change' },
  'A2C-META-FLUSH': { severity: 'info', need: 'note', doc: 'meta: flush_handlers: Chef runs delayed notifications at the end of the run' },

  // IPv6 and TLS findings (`audit`).
  'A2C-IPV6-JOIN': {
    severity: 'warning',
    also: 'info',
    need: 'review',
    doc: "an address joined to a port without brackets: on a line (`{{ a }}:{{ p }}`), or inside one expression over a list of addresses (`join(':' ~ p ~ ',')`, a `regex_replace` map, a `zip`/`product` pair join, `format('%s:%s')`; only the join is rewritten), or a concatenation `addr ~ ':' ~ port` (or a literal port: `~ ':' ~ 80`, `~ ':80'`) in an output or a `{% set %}` (the address is rewritten); a list of addresses joined into one text (`join(',')`, in the output or the variable's value: galera's `gcomm://{{ galera_wsrep_cluster_address }}`) as a URL host or before a port (each member through `A2C::Net.ipwrap_members`); also a URL's host without a port (`http://{{ addr }}/path`, `'https://' ~ addr`, RFC 3986 brackets an IPv6 host too: the address is rewritten) (info when the address is not known to be IPv6 or a name)",
  },
  'A2C-IPV6-BRACKET-KEY': { severity: 'warning', need: 'review', doc: 'a key that needs a bracketed address' },
  'A2C-IPV6-IPV4-BIND': {
    severity: 'warning',
    need: 'review',
    doc: "an IPv4-only bind (a value, or a dict key a template loop over `.items()` writes: `{'0.0.0.0': 5671}`), at the place it was written",
  },
  'A2C-IPV6-NAME-BIND': { severity: 'warning', need: 'review', doc: 'a bind that depends on name resolution' },
  'A2C-TLS-PLAIN-HTTP': { severity: 'warning', need: 'review', doc: 'a plain http:// endpoint beside TLS endpoints' },
  'A2C-TLS-CERT-NAME': { severity: 'warning', need: 'review', doc: 'a certificate file named after an address' },
  'A2C-PIN-DOWNGRADE': {
    severity: 'warning',
    need: 'review',
    doc: 'a package name that may pin a version, without allow_downgrade: true: where a newer version is installed, Chef downgrades it, where yum/dnf keep it and apt fails the run',
  },
  'A2C-TLS-SELFSIGNED': {
    severity: 'warning',
    also: 'error',
    need: 'review',
    doc: 'a self-signed or snake-oil certificate (error under the strict TLS policy)',
  },

  // Bugs in ansible2chef.
  'A2C-INTERNAL': { severity: 'warning', need: 'bug', doc: 'the mapping table names a translator or transform the tool does not have' },
  'A2C-INTERNAL-LOST-TASK': { severity: 'error', need: 'bug', doc: 'a task that was neither converted, TODO nor ignored' },
  'A2C-INTERNAL-RUBY': { severity: 'error', need: 'bug', doc: 'generated Ruby that does not parse: not written' },
  'A2C-INTERNAL-VARS-FILE': {
    severity: 'error',
    need: 'bug',
    doc: 'an include_vars task predicted to convert (so reads of its variables were not made TODOs) did not',
  },
  'A2C-INTERNAL-SET-FACT': {
    severity: 'error',
    need: 'bug',
    doc: 'a set_fact task predicted to convert (so reads of its facts fall back on their other definitions) did not',
  },
  'A2C-INTERNAL-PRINT': { severity: 'error', need: 'bug', doc: 'a cookbook part that could not be printed as Ruby: not written' },
} as const satisfies Record<string, CodeEntry>;

export type DiagnosticCode = keyof typeof CODES;

type Entry<C extends DiagnosticCode> = (typeof CODES)[C];

/** The severities a code may be reported with: its own, and the one `also` documents. */
export type SeverityOf<C extends DiagnosticCode> = Entry<C>['severity'] | (Entry<C> extends { also: infer A } ? A : never);

/** The codes that may be reported with severity `S`. */
export type CodeWith<S extends Severity> = { [C in DiagnosticCode]: S extends SeverityOf<C> ? C : never }[DiagnosticCode];

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(CODES, code);
}

export function severityOf(code: DiagnosticCode): Severity {
  return CODES[code].severity;
}

export function allows(code: DiagnosticCode, severity: Severity): boolean {
  const e: CodeEntry = CODES[code];
  return e.severity === severity || e.also === severity;
}

export function needOf(code: DiagnosticCode): Need {
  return CODES[code].need;
}
