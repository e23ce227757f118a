// The commented default ansible2chef.toml that `ansible2chef init` writes. Every key is shown with
// its default, commented out, so the file documents itself and changes nothing until edited.
export function defaultConfigText(input: string, output: string): string {
  return `# ansible2chef project configuration. Command-line flags override these settings.
# Paths are relative to this file. Unknown keys are errors.

# What to convert: a project directory, a roles directory, a role or a playbook file.
input = ${JSON.stringify(input)}

# Where the cookbooks are written (and where check/diff compare).
output = ${JSON.stringify(output)}

# Attribute namespace for variables no single role owns.
# namespace = "ansible"

# Rewrite IPv4-only binds (0.0.0.0, 127.0.0.1, the default IPv4 address) to IPv6.
# ipv6-only = false

# "strict" makes self-signed and snake-oil certificates errors instead of warnings.
# tls-policy = "warn"

# groups[...] and group_names: "static" attributes written from the inventory, or "search"
# (Chef search at run time over the group names each node publishes in nodes/<host>.json).
# groups = "static"

# Keys of a role's variables under its cookbook: "short" strips the role prefix where no two
# variables would share a key (cinder_packages -> node['cinder']['packages']); "ansible" keeps
# the variable names (node['cinder']['cinder_packages']). CONVERSION.md lists every variable's key.
# attribute-keys = "short"

# Extra mapping-table directories (modules.toml, filters.toml, facts.toml) and plugin modules.
# mapping-dirs = []
# plugins = []

# A variable the input reads but never sets and [extra-var-types] does not declare is of unknown
# type. Where every use of it means the same for text and an integer (printed, interpolated,
# default('x'), is defined, == 'x'), it is inferred to be text or an integer: read as plain Chef,
# and checked when the cookbook runs (another value fails the run). false: such variables stay unknown.
# infer-input-types = true

# Variable files set outside the input (the group_vars of an inventory that is not converted):
# only their variables' types are read, so reads of them can be plain Chef. See [extra-var-types].
# extra-var-files = []

[roles]
# Convert only these roles (empty: all of them).
# include = []
# Never convert these roles; their existing cookbooks are left as they are.
# exclude = []
# Cookbooks finished by hand: never written, overwritten or removed, even with --force.
# frozen = []

# Written into every generated metadata.rb; unset: what \`chef generate cookbook\` writes.
[cookbook]
# maintainer = "The Authors"
# maintainer-email = "you@example.com"
# license = "All Rights Reserved"
# source-url = "https://git.example.com/chef/{cookbook}"   # {cookbook}: the cookbook's name; unset: none

# Cookbook name for a role, when it should differ from the role name.
[cookbook-names]
# cinder = "os_cinder"

# Types of variables set outside the input (extra vars, an inventory that is not converted).
# Undeclared, such a variable is of unknown type and its reads keep the A2C::Jinja helpers.
# Types: str (text that does not begin with [ or { and is not True/False), int, bool, float,
# list, list[type], dict, dict[type] (string keys), {field: type, ...} (at least these keys).
[extra-var-types]
# openstack_service_bind_address = "str"
# nginx_vhosts = "list[{server_name: str, listen: int}]"
`;
}
