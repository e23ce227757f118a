// The `ansible2chef_support` cookbook: static Ruby shipped with the tool and written once into every
// conversion's output. Converted cookbooks depend on it for what Chef 18 lacks (custom resources for Ansible's
// ini_file, lineinfile, blockinfile and replace; Jinja/Python helpers). Nothing in it comes from the Supermarket.

export const SUPPORT_COOKBOOK_NAME = 'ansible2chef_support';

export { type SupportCookbookFile, supportCookbookDir, supportCookbookFiles } from './source.js';

/** One property, in the shape of shared/chef/resources.json (`is` lists the accepted Ruby classes). */
export interface SupportProperty {
  is: string | string[];
  default?: string | boolean | number;
  name_property: boolean;
  required: boolean;
}

/** A custom resource of the support cookbook, in the shape of a shared/chef/resources.json entry. */
export interface SupportResource {
  actions: string[];
  default_action: string[];
  properties: Record<string, SupportProperty>;
  /** The Ansible module whose parameters the properties mirror (none for a2c_converge_loop, which runs a task's own resources). */
  ansible_module?: string;
}

const BOOL = ['TrueClass', 'FalseClass'];
const prop = (is: string | string[], extra: Partial<SupportProperty> = {}): SupportProperty => ({
  is,
  name_property: false,
  required: false,
  ...extra,
});
const FILE_ATTRIBUTES: Record<string, SupportProperty> = {
  owner: prop(['String', 'Integer']),
  group: prop(['String', 'Integer']),
  mode: prop(['String', 'Integer']),
  backup: prop(BOOL, { default: false }),
};
const PATH = prop('String', { name_property: true });
const STATE = prop('String', { default: 'present' });
const EDIT = { actions: ['edit', 'nothing'], default_action: ['edit'] };
/** Service-API resources: one action that reads the service's state and changes what differs. */
const MANAGE = { actions: ['manage', 'nothing'], default_action: ['manage'] };
const MYSQL_LOGIN: Record<string, SupportProperty> = {
  login_user: prop('String'),
  login_password: prop('String'),
  login_host: prop('String', { default: 'localhost' }),
  login_port: prop('Integer', { default: 3306 }),
  login_unix_socket: prop('String'),
  config_file: prop('String', { default: '~/.my.cnf' }),
  connect_timeout: prop('Integer', { default: 30 }),
  check_hostname: prop(BOOL),
};
const RABBIT_NODE = prop('String', { default: 'rabbit' });
/** openstack.cloud's connection arguments (the openstack client's environment and global options). */
const OPENSTACK_CONNECTION: Record<string, SupportProperty> = {
  cloud: prop('String'),
  auth: prop('Hash'),
  auth_type: prop('String'),
  region_name: prop('String'),
  interface: prop('String', { default: 'public' }),
  validate_certs: prop(BOOL),
  ca_cert: prop('String'),
  client_cert: prop('String'),
  client_key: prop('String'),
};

/** deb822_repository's boolean and list arguments (resources/deb822_repository.rb). */
const DEB822_BOOLS = [
  'allow_downgrade_to_insecure',
  'allow_insecure',
  'allow_weak',
  'by_hash',
  'check_date',
  'check_valid_until',
  'enabled',
  'pdiffs',
  'trusted',
];
const DEB822_LISTS = ['architectures', 'components', 'languages', 'suites', 'targets', 'types', 'uris'];

/**
 * The support cookbook's custom resources (names, actions, properties), so emitted `a2c_*` resources can be
 * validated like Chef built-ins. A test keeps this table equal to the `property`/`action` lines of the .rb files.
 */
export const SUPPORT_RESOURCES: Readonly<Record<string, SupportResource>> = {
  a2c_assemble: {
    actions: ['create', 'nothing'],
    default_action: ['create'],
    ansible_module: 'ansible.builtin.assemble',
    properties: {
      path: PATH,
      source: prop('String', { required: true }),
      delimiter: prop('String'),
      regexp: prop('String'),
      ignore_hidden: prop(BOOL, { default: false }),
      owner: prop(['String', 'Integer']),
      group: prop(['String', 'Integer']),
      mode: prop(['String', 'Integer']),
      verify: prop('String'),
    },
  },
  a2c_directory: {
    actions: ['create', 'nothing'],
    default_action: ['create'],
    ansible_module: 'ansible.builtin.file',
    properties: {
      path: PATH,
      owner: prop(['String', 'Integer']),
      group: prop(['String', 'Integer']),
      mode: prop(['String', 'Integer']),
      recurse: prop(BOOL, { default: false }),
      recurse_mode: prop(['String', 'Integer']),
    },
  },
  a2c_block: {
    ...EDIT,
    ansible_module: 'ansible.builtin.blockinfile',
    properties: {
      path: PATH,
      block: prop('String', { default: '' }),
      marker: prop('String', { default: '# {mark} ANSIBLE MANAGED BLOCK' }),
      marker_begin: prop('String', { default: 'BEGIN' }),
      marker_end: prop('String', { default: 'END' }),
      insertafter: prop('String'),
      insertbefore: prop('String'),
      state: STATE,
      create: prop(BOOL, { default: false }),
      verify: prop('String'),
      ...FILE_ATTRIBUTES,
    },
  },
  a2c_ini_setting: {
    ...EDIT,
    ansible_module: 'community.general.ini_file',
    properties: {
      path: PATH,
      section: prop('String'),
      option: prop('String'),
      value: prop('String'),
      values: prop('Array'),
      state: STATE,
      exclusive: prop(BOOL, { default: true }),
      no_extra_spaces: prop(BOOL, { default: false }),
      allow_no_value: prop(BOOL, { default: false }),
      create: prop(BOOL, { default: true }),
      ...FILE_ATTRIBUTES,
    },
  },
  a2c_line: {
    ...EDIT,
    ansible_module: 'ansible.builtin.lineinfile',
    properties: {
      path: PATH,
      line: prop('String'),
      regexp: prop('String'),
      search_string: prop('String'),
      state: STATE,
      insertafter: prop('String'),
      insertbefore: prop('String'),
      backrefs: prop(BOOL, { default: false }),
      create: prop(BOOL, { default: false }),
      firstmatch: prop(BOOL, { default: false }),
      verify: prop('String'),
      ...FILE_ATTRIBUTES,
    },
  },
  a2c_authorized_key: {
    ...MANAGE,
    ansible_module: 'ansible.posix.authorized_key',
    properties: {
      user: prop('String', { name_property: true }),
      key: prop('String', { required: true }),
      path: prop('String'),
      manage_dir: prop(BOOL, { default: true }),
      state: STATE,
      key_options: prop('String'),
      exclusive: prop(BOOL, { default: false }),
      comment: prop('String'),
      follow: prop(BOOL, { default: false }),
    },
  },
  // Its `declare` block is a method, not a property: recipe code run by its action (resources/converge_loop.rb).
  a2c_converge_loop: {
    actions: ['run', 'nothing'],
    default_action: ['run'],
    properties: {},
  },
  a2c_user_groups: {
    ...MANAGE,
    ansible_module: 'ansible.builtin.user',
    properties: {
      username: prop('String', { name_property: true }),
      groups: prop(['Array', 'String'], { required: true }),
      append: prop(BOOL, { default: false }),
    },
  },
  a2c_filesystem: {
    ...MANAGE,
    ansible_module: 'community.general.filesystem',
    properties: {
      dev: prop('String', { name_property: true }),
      fstype: prop('String'),
      opts: prop('String'),
      force: prop(BOOL, { default: false }),
      resizefs: prop(BOOL, { default: false }),
      state: STATE,
    },
  },
  a2c_lvg: {
    ...MANAGE,
    ansible_module: 'community.general.lvg',
    properties: {
      vg: prop('String', { name_property: true }),
      pvs: prop(['Array', 'String']),
      pesize: prop(['String', 'Integer'], { default: '4' }),
      pv_options: prop('String', { default: '' }),
      vg_options: prop('String', { default: '' }),
      force: prop(BOOL, { default: false }),
      state: STATE,
    },
  },
  a2c_lvol: {
    ...MANAGE,
    ansible_module: 'community.general.lvol',
    properties: {
      lv: prop('String', { name_property: true }),
      vg: prop('String', { required: true }),
      size: prop('String'),
      opts: prop('String'),
      pvs: prop('String'),
      state: STATE,
      force: prop(BOOL, { default: false }),
      shrink: prop(BOOL, { default: true }),
      active: prop(BOOL, { default: true }),
      resizefs: prop(BOOL, { default: false }),
    },
  },
  a2c_ssh_key: {
    actions: ['generate', 'nothing'],
    default_action: ['generate'],
    ansible_module: 'ansible.builtin.user',
    properties: {
      username: prop('String', { name_property: true }),
      type: prop('String', { default: 'rsa' }),
      bits: prop('Integer', { default: 0 }),
      file: prop('String'),
      comment: prop('String'),
      force: prop(BOOL, { default: false }),
    },
  },
  a2c_get_url_directory: {
    actions: ['create', 'nothing'],
    default_action: ['create'],
    ansible_module: 'ansible.builtin.get_url',
    properties: {
      url: prop('String', { name_property: true }),
      path: prop('String', { required: true }),
    },
  },
  a2c_capability: {
    ...MANAGE,
    ansible_module: 'community.general.capabilities',
    properties: {
      path: prop('String', { name_property: true }),
      capability: prop('String', { required: true }),
      state: STATE,
    },
  },
  a2c_make: {
    actions: ['run', 'nothing'],
    default_action: ['run'],
    ansible_module: 'community.general.make',
    properties: {
      chdir: prop('String', { required: true }),
      target: prop('String'),
      make_params: prop('Hash'),
      file: prop('String'),
      jobs: prop('Integer'),
      make: prop('String'),
    },
  },
  a2c_apt_package: {
    actions: ['install', 'upgrade', 'remove', 'purge', 'nothing'],
    default_action: ['install'],
    ansible_module: 'ansible.builtin.apt',
    properties: {
      package_name: prop(['String', 'Array'], { name_property: true }),
      version: prop(['String', 'Array']),
      default_release: prop('String'),
      options: prop(['String', 'Array']),
      policy_rc_d: prop(['Integer', 'NilClass']),
    },
  },
  a2c_apt_update: {
    actions: ['update', 'nothing'],
    default_action: ['update'],
    ansible_module: 'ansible.builtin.apt',
    properties: {
      cache_valid_time: prop(['Integer', 'NilClass']),
    },
  },
  a2c_openssl_csr: {
    actions: ['create', 'delete', 'nothing'],
    default_action: ['create'],
    ansible_module: 'community.crypto.openssl_csr',
    properties: {
      path: PATH,
      privatekey_path: prop('String'),
      privatekey_passphrase: prop('String'),
      digest: prop('String', { default: 'sha256' }),
      ...Object.fromEntries(
        [
          'country_name',
          'state_or_province_name',
          'locality_name',
          'organization_name',
          'organizational_unit_name',
          'common_name',
          'email_address',
        ].map((p) => [p, prop('String')]),
      ),
      subject_alt_name: prop('Array'),
      subject_alt_name_critical: prop(BOOL, { default: false }),
      use_common_name_for_san: prop(BOOL, { default: true }),
      force: prop(BOOL, { default: false }),
      owner: prop(['String', 'Integer']),
      group: prop(['String', 'Integer']),
      mode: prop(['String', 'Integer']),
    },
  },
  a2c_deb822_repository: {
    actions: ['create', 'delete', 'nothing'],
    default_action: ['create'],
    ansible_module: 'ansible.builtin.deb822_repository',
    properties: {
      repo_name: prop('String', { name_property: true }),
      ...Object.fromEntries(DEB822_BOOLS.map((p) => [p, prop(BOOL)])),
      ...Object.fromEntries(DEB822_LISTS.map((p) => [p, prop(['String', 'Array', 'Integer', 'Float', 'TrueClass', 'FalseClass'])])),
      date_max_future: prop('Integer'),
      inrelease_path: prop('String'),
      signed_by: prop('String'),
      mode: prop(['String', 'Integer'], { default: '0644' }),
    },
  },
  a2c_debconf: {
    ...MANAGE,
    ansible_module: 'ansible.builtin.debconf',
    properties: {
      package_name: prop('String', { name_property: true }),
      question: prop('String'),
      vtype: prop('String'),
      value: prop('String'),
      unseen: prop(BOOL, { default: false }),
    },
  },
  a2c_mysql_database: {
    ...MANAGE,
    ansible_module: 'community.mysql.mysql_db',
    properties: {
      database_name: prop(['String', 'Array'], { name_property: true }),
      state: STATE,
      encoding: prop('String', { default: '' }),
      collation: prop('String', { default: '' }),
      ...MYSQL_LOGIN,
    },
  },
  a2c_mysql_user: {
    ...MANAGE,
    ansible_module: 'community.mysql.mysql_user',
    properties: {
      username: prop('String', { name_property: true }),
      host: prop('String', { default: 'localhost' }),
      password: prop('String'),
      encrypted: prop(BOOL, { default: false }),
      priv: prop(['String', 'Hash']),
      append_privs: prop(BOOL, { default: false }),
      subtract_privs: prop(BOOL, { default: false }),
      column_case_sensitive: prop(BOOL, { default: false }),
      tls_requires: prop('Hash'),
      resource_limits: prop('Hash'),
      update_password: prop('String', { default: 'always' }),
      state: STATE,
      ...MYSQL_LOGIN,
    },
  },
  a2c_mysql_query: {
    actions: ['run', 'nothing'],
    default_action: ['run'],
    ansible_module: 'community.mysql.mysql_query',
    properties: {
      query: prop(['String', 'Array'], { required: true }),
      positional_args: prop('Array'),
      named_args: prop('Hash'),
      single_transaction: prop(BOOL, { default: false }),
      login_db: prop('String'),
      ...MYSQL_LOGIN,
    },
  },
  a2c_mysql_replication: {
    actions: ['run', 'nothing'],
    default_action: ['run'],
    ansible_module: 'community.mysql.mysql_replication',
    properties: {
      mode: prop('String', { default: 'getreplica' }),
      primary_host: prop('String'),
      primary_user: prop('String'),
      primary_password: prop('String'),
      primary_port: prop('Integer'),
      primary_connect_retry: prop('Integer'),
      primary_log_file: prop('String'),
      primary_log_pos: prop('Integer'),
      primary_delay: prop('Integer'),
      relay_log_file: prop('String'),
      relay_log_pos: prop('Integer'),
      primary_ssl: prop(BOOL),
      primary_ssl_ca: prop('String'),
      primary_ssl_capath: prop('String'),
      primary_ssl_cert: prop('String'),
      primary_ssl_key: prop('String'),
      primary_ssl_cipher: prop('String'),
      primary_ssl_verify_server_cert: prop(BOOL, { default: false }),
      primary_auto_position: prop(BOOL, { default: false }),
      primary_use_gtid: prop('String'),
      connection_name: prop('String'),
      channel: prop('String'),
      fail_on_error: prop(BOOL, { default: false }),
      ...MYSQL_LOGIN,
    },
  },
  a2c_openstack_domain: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.identity_domain',
    properties: {
      domain_name: prop('String', { name_property: true }),
      description: prop('String'),
      enabled: prop(BOOL, { default: true }),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_group: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.identity_group',
    properties: {
      group_name: prop('String', { name_property: true }),
      description: prop('String'),
      domain_id: prop('String'),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_project: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.project',
    properties: {
      project_name: prop('String', { name_property: true }),
      description: prop('String'),
      domain: prop('String'),
      enabled: prop(BOOL, { default: true }),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_role: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.identity_role',
    properties: {
      role_name: prop('String', { name_property: true }),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_role_assignment: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.role_assignment',
    properties: {
      role: prop('String', { name_property: true }),
      user: prop('String'),
      group: prop('String'),
      project: prop('String'),
      domain: prop('String'),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_service: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.catalog_service',
    properties: {
      service_name: prop('String', { name_property: true }),
      service_type: prop('String', { required: true }),
      description: prop('String'),
      enabled: prop(BOOL, { default: true }),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_endpoint: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.endpoint',
    properties: {
      service: prop('String', { name_property: true }),
      endpoint_interface: prop('String', { required: true }),
      url: prop('String', { required: true }),
      region: prop('String'),
      enabled: prop(BOOL, { default: true }),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_openstack_user: {
    ...MANAGE,
    ansible_module: 'openstack.cloud.identity_user',
    properties: {
      user_name: prop('String', { name_property: true }),
      password: prop('String'),
      update_password: prop('String', { default: 'on_create' }),
      email: prop('String'),
      default_project: prop('String'),
      description: prop('String'),
      domain: prop('String'),
      enabled: prop(BOOL, { default: true }),
      state: STATE,
      ...OPENSTACK_CONNECTION,
    },
  },
  a2c_rabbitmq_plugin: {
    ...MANAGE,
    ansible_module: 'community.rabbitmq.rabbitmq_plugin',
    properties: {
      plugins: prop('String', { name_property: true }),
      state: prop('String', { default: 'enabled' }),
      new_only: prop(BOOL, { default: false }),
      broker_state: prop('String', { default: 'online' }),
      prefix: prop('String'),
    },
  },
  a2c_rabbitmq_policy: {
    ...MANAGE,
    ansible_module: 'community.rabbitmq.rabbitmq_policy',
    properties: {
      policy_name: prop('String', { name_property: true }),
      vhost: prop('String', { default: '/' }),
      pattern: prop('String'),
      apply_to: prop('String', { default: 'all' }),
      definition: prop('Hash'),
      priority: prop('String', { default: '0' }),
      state: STATE,
      rabbitmq_node: RABBIT_NODE,
    },
  },
  a2c_rabbitmq_user: {
    ...MANAGE,
    ansible_module: 'community.rabbitmq.rabbitmq_user',
    properties: {
      username: prop('String', { name_property: true }),
      password: prop('String'),
      tags: prop('String'),
      permissions: prop('Array'),
      vhost: prop('String', { default: '/' }),
      configure_priv: prop('String', { default: '^$' }),
      write_priv: prop('String', { default: '^$' }),
      read_priv: prop('String', { default: '^$' }),
      force: prop(BOOL, { default: false }),
      update_password: prop('String', { default: 'on_create' }),
      state: STATE,
      rabbitmq_node: RABBIT_NODE,
    },
  },
  a2c_rabbitmq_vhost: {
    ...MANAGE,
    ansible_module: 'community.rabbitmq.rabbitmq_vhost',
    properties: {
      vhost: prop('String', { name_property: true }),
      tracing: prop(BOOL, { default: false }),
      state: STATE,
      rabbitmq_node: RABBIT_NODE,
    },
  },
  a2c_replace: {
    ...EDIT,
    ansible_module: 'ansible.builtin.replace',
    properties: {
      path: PATH,
      regexp: prop('String', { required: true }),
      replace: prop('String', { default: '' }),
      after: prop('String'),
      before: prop('String'),
      verify: prop('String'),
      ...FILE_ATTRIBUTES,
    },
  },
  a2c_ufw: {
    ...MANAGE,
    ansible_module: 'community.general.ufw',
    properties: {
      state: prop('String'),
      policy: prop('String'),
      logging: prop('String'),
      direction: prop('String'),
      delete_rule: prop(BOOL, { default: false }),
      route: prop(BOOL, { default: false }),
      insert: prop('Integer'),
      insert_relative_to: prop('String', { default: 'zero' }),
      rule: prop('String'),
      interface: prop('String'),
      interface_in: prop('String'),
      interface_out: prop('String'),
      log_rule: prop(BOOL, { default: false }),
      from_ip: prop('String', { default: 'any' }),
      from_port: prop('String'),
      to_ip: prop('String', { default: 'any' }),
      to_port: prop('String'),
      proto: prop('String'),
      app: prop('String'),
      comment: prop('String'),
    },
  },
};
