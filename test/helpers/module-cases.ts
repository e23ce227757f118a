// Realistic tasks for every module of mappings/modules.toml, each with the exact Ruby the default
// recipe must hold. Shared by test/modules.test.ts (printed output) and test/chef-schema.test.ts
// (every resource, property and action they produce exists in Chef 18).
import type { TextTree } from './convert-helpers.js';

export interface ModuleCase {
  title: string;
  /** The role's files; tasks/main.yml holds the task under test. */
  files: TextTree;
  /** The default recipe's statements, exactly as printed (header and handlers include removed). */
  expected: string;
  /** Diagnostic codes the conversion must report (and no others of warning or error level). */
  codes?: string[];
}

const tasks = (yaml: string, extra: TextTree = {}): TextTree => ({ 'tasks/main.yml': yaml, ...extra });
const HANDLERS = { 'handlers/main.yml': '- name: restart nginx\n  ansible.builtin.service:\n    name: nginx\n    state: restarted\n' };

/** A TODO block as printed: code and reason, provenance, the original task text indented. */
function todo(code: string, reason: string, at: string, original: string): string {
  const body = original.replace(/\n$/, '').split('\n').map((l) => `#   ${l}`);
  return [`# TODO(ansible2chef): ${code} ${reason}`, `# ${at}`, ...body].join('\n');
}

export const MODULE_CASES: Record<string, ModuleCase[]> = {
  'ansible.builtin.package': [
    {
      title: 'state: present is the default action (install)',
      files: tasks('- name: Install chrony\n  ansible.builtin.package:\n    name: chrony\n'),
      expected: "# tasks/main.yml:1 Install chrony\npackage 'chrony'",
    },
    {
      title: 'templated update_cache: apt_update on Debian-family nodes, decided at converge time',
      files: {
        ...tasks('- name: Install chrony\n  package:\n    name: chrony\n    update_cache: "{{ refresh | ternary(\'yes\', omit) }}"\n    cache_valid_time: 600\n'),
        'defaults/main.yml': 'refresh: true\n',
      },
      expected: [
        "if node['platform_family'] == 'debian'",
        '  # tasks/main.yml:1 Install chrony',
        "  apt_update 'apt cache' do",
        '    frequency 600',
        "    only_if { A2C::Tasks.boolean(A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.ternary(node['demo']['refresh'], 'yes', A2C::Jinja::OMIT))))) == true }",
        '  end',
        'end',
        '',
        '# tasks/main.yml:1 Install chrony',
        "package 'chrony'",
      ].join('\n'),
    },
    {
      title: 'state: absent removes',
      files: tasks('- name: Remove telnet\n  package:\n    name: telnet\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Remove telnet\npackage 'telnet' do\n  action :remove\nend",
    },
  ],
  'ansible.builtin.apt': [
    {
      title: 'package is an alias of name',
      files: tasks('- name: Remove telnet\n  apt:\n    package: telnet\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Remove telnet\napt_package 'telnet' do\n  action :remove\nend",
    },
    {
      title: 'update_cache + cache_valid_time -> apt_update periodic before the package',
      files: tasks('- name: Install nginx\n  ansible.builtin.apt:\n    name: nginx\n    state: latest\n    update_cache: yes\n    cache_valid_time: 3600\n'),
      expected: [
        '# tasks/main.yml:1 Install nginx',
        "apt_update 'apt cache' do",
        '  frequency 3600',
        'end',
        '',
        '# tasks/main.yml:1 Install nginx',
        "apt_package 'nginx' do",
        '  action :upgrade',
        'end',
      ].join('\n'),
    },
    {
      title: 'update_cache alone -> apt_update :update',
      files: tasks('- name: Refresh apt\n  apt:\n    update_cache: true\n'),
      expected: "# tasks/main.yml:1 Refresh apt\napt_update 'apt cache' do\n  action :update\nend",
    },
    {
      title: 'purged -> :purge',
      files: tasks('- name: Purge exim\n  apt:\n    pkg: exim4\n    state: purged\n'),
      expected: "# tasks/main.yml:1 Purge exim\napt_package 'exim4' do\n  action :purge\nend",
    },
    {
      title: 'an unsupported argument makes the task a TODO',
      files: tasks('- name: Install without recommends\n  apt:\n    name: nginx\n    install_recommends: no\n'),
      expected: todo(
        'A2C-TODO-PARAM',
        "argument 'install_recommends' of ansible.builtin.apt: apt_package has no install-recommends switch; set options '--no-install-recommends' by hand",
        'tasks/main.yml:1 Install without recommends',
        '- name: Install without recommends\n  apt:\n    name: nginx\n    install_recommends: no\n',
      ),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'ansible.builtin.yum': [
    {
      title: 'yum_package install',
      files: tasks('- name: Install httpd\n  yum:\n    name: httpd\n    state: installed\n'),
      expected: "# tasks/main.yml:1 Install httpd\nyum_package 'httpd'",
    },
    {
      title: 'pkg is an alias of name',
      files: tasks('- name: Install nagios\n  yum:\n    pkg: nagios\n    state: latest\n'),
      expected: "# tasks/main.yml:1 Install nagios\nyum_package 'nagios' do\n  action :upgrade\nend",
    },
  ],
  'community.general.pacman': [
    {
      title: 'pacman (short name, pkg alias) -> pacman_package',
      files: tasks('- name: Install nginx on Arch\n  pacman:\n    pkg: nginx\n    state: latest\n'),
      expected: "# tasks/main.yml:1 Install nginx on Arch\npacman_package 'nginx' do\n  action :upgrade\nend",
    },
    {
      title: 'an argument the table does not know stays a TODO',
      files: tasks('- name: Refresh and install\n  community.general.pacman:\n    name: nginx\n    update_cache: true\n'),
      expected: todo('A2C-TODO-PARAM', "argument 'update_cache' of community.general.pacman is not in the mapping table", 'tasks/main.yml:1 Refresh and install', '- name: Refresh and install\n  community.general.pacman:\n    name: nginx\n    update_cache: true\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'community.general.zypper': [
    {
      title: 'ansible.legacy.zypper -> zypper_package installing without recommends, no --oldpackage',
      files: tasks('- name: Install docker on SUSE\n  ansible.legacy.zypper:\n    name: [docker, containerd]\n    state: present\n'),
      expected: "# tasks/main.yml:1 Install docker on SUSE\nzypper_package %w(docker containerd) do\n  allow_downgrade false\n  options '--no-recommends'\nend",
    },
    {
      title: 'state absent removes without install options; oldpackage and disable_recommends false map through',
      files: tasks('- name: Remove docker\n  zypper:\n    pkg: docker\n    state: absent\n    oldpackage: true\n- name: Upgrade git\n  zypper:\n    name: git\n    state: latest\n    disable_recommends: false\n'),
      expected: "# tasks/main.yml:1 Remove docker\nzypper_package 'docker' do\n  allow_downgrade true\n  action :remove\nend\n\n# tasks/main.yml:6 Upgrade git\nzypper_package 'git' do\n  allow_downgrade false\n  action :upgrade\nend",
    },
    {
      title: 'a package specifier (a version range) stays a TODO',
      files: tasks('- name: Pin git\n  zypper:\n    name: git>=2.30\n'),
      expected: todo('A2C-TODO-PARAM', 'zypper package specifier "git>=2.30" (a version range, \'-\' to remove, \'*\', an rpm file or URL) has no zypper_package equivalent', 'tasks/main.yml:1 Pin git', '- name: Pin git\n  zypper:\n    name: git>=2.30\n'),
      codes: ['A2C-TODO-PARAM'],
    },
    {
      title: 'type pattern stays a TODO',
      files: tasks('- name: Base pattern\n  zypper:\n    name: base\n    type: pattern\n'),
      expected: todo('A2C-TODO-PARAM', 'zypper type other than package (patch, pattern, product...) has no zypper_package equivalent', 'tasks/main.yml:1 Base pattern', '- name: Base pattern\n  zypper:\n    name: base\n    type: pattern\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'community.general.pkgng': [
    {
      title: 'pkgng -> freebsd_package',
      files: tasks('- name: Install nginx on FreeBSD\n  pkgng:\n    name: nginx\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Install nginx on FreeBSD\nfreebsd_package 'nginx' do\n  action :remove\nend",
    },
  ],
  'community.general.openbsd_pkg': [
    {
      title: 'openbsd_pkg -> openbsd_package',
      files: tasks('- name: Install nginx on OpenBSD\n  openbsd_pkg:\n    name: nginx\n'),
      expected: "# tasks/main.yml:1 Install nginx on OpenBSD\nopenbsd_package 'nginx'",
    },
  ],
  'community.general.pkg5': [
    {
      title: 'pkg5 -> ips_package, accept_licenses -> accept_license',
      files: tasks('- name: Install Apache on Solaris\n  community.general.pkg5:\n    name: web/server/apache-24\n    accept_licenses: true\n'),
      expected: "# tasks/main.yml:1 Install Apache on Solaris\nips_package 'web/server/apache-24' do\n  accept_license true\nend",
    },
  ],
  'ansible.posix.seboolean': [
    {
      title: 'seboolean -> selinux_boolean; module booleans converted, persistent false by default (Chef defaults to true)',
      files: tasks('- name: Let Apache reach the database\n  seboolean: name=httpd_can_network_connect_db state=yes\n'),
      expected: "# tasks/main.yml:1 Let Apache reach the database\nselinux_boolean 'httpd_can_network_connect_db' do\n  value true\n  persistent false\nend",
    },
    {
      title: 'persistent as given; a templated state through the strict conversion',
      files: {
        ...tasks('- name: Let HAProxy bind anywhere\n  ansible.posix.seboolean:\n    name: haproxy_connect_any\n    state: "{{ haproxy_any }}"\n    persistent: true\n'),
        'defaults/main.yml': 'haproxy_any: true\n',
      },
      expected: "# tasks/main.yml:1 Let HAProxy bind anywhere\nselinux_boolean 'haproxy_connect_any' do\n  value A2C::Tasks.strict_boolean(node['demo']['haproxy_any'], 'state')\n  persistent true\nend",
    },
  ],
  'community.general.timezone': [
    {
      title: 'timezone -> timezone (action :set is the default)',
      files: tasks('- name: Set the time zone\n  timezone:\n    name: Etc/UTC\n'),
      expected: "# tasks/main.yml:1 Set the time zone\ntimezone 'Etc/UTC'",
    },
  ],
  'ansible.builtin.dnf': [
    {
      title: 'dnf_package upgrade',
      files: tasks('- name: Upgrade openssl\n  ansible.builtin.dnf:\n    name: openssl\n    state: latest\n'),
      expected: "# tasks/main.yml:1 Upgrade openssl\ndnf_package 'openssl' do\n  action :upgrade\nend",
    },
  ],
  'ansible.builtin.service': [
    {
      title: 'enabled + started -> [:enable, :start]',
      files: tasks('- name: Start haproxy\n  ansible.builtin.service:\n    name: haproxy\n    state: started\n    enabled: yes\n'),
      expected: "# tasks/main.yml:1 Start haproxy\nservice 'haproxy' do\n  action [:enable, :start]\nend",
    },
    {
      title: 'free-form k=v arguments',
      files: tasks('- name: Stop ntpd\n  service: name=ntpd state=stopped enabled=no\n'),
      expected: "# tasks/main.yml:1 Stop ntpd\nservice 'ntpd' do\n  action [:disable, :stop]\nend",
    },
  ],
  'ansible.builtin.systemd': [
    {
      title: 'daemon_reload -> execute systemctl daemon-reload before the service',
      files: tasks('- name: Restart keystone\n  ansible.builtin.systemd:\n    name: keystone\n    state: restarted\n    daemon_reload: true\n'),
      expected: [
        '# tasks/main.yml:1 Restart keystone',
        "execute 'systemctl daemon-reload'",
        '',
        '# tasks/main.yml:1 Restart keystone',
        "# daemon_reload: becomes an execute 'systemctl daemon-reload' before the service",
        "service 'keystone' do",
        '  action :restart',
        'end',
      ].join('\n'),
    },
    {
      title: 'masked -> :mask',
      files: tasks('- name: Mask apparmor\n  systemd_service:\n    name: apparmor\n    masked: yes\n'),
      expected: "# tasks/main.yml:1 Mask apparmor\nservice 'apparmor' do\n  action :mask\nend",
    },
  ],
  'ansible.builtin.template': [
    {
      title: 'force: no -> :create_if_missing',
      files: tasks('- name: Seed the config once\n  template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n    force: false\n', { 'templates/app.conf.j2': 'port = 1\n' }),
      expected: "# tasks/main.yml:1 Seed the config once\ntemplate '/etc/app.conf' do\n  source 'app.conf.erb'\n  action :create_if_missing\nend",
    },
    {
      title: 'templated src -> one of the role templates, chosen when the recipe compiles',
      files: {
        ...tasks('- name: Write the config\n  template:\n    src: "{{ conf_template }}"\n    dest: /etc/app.conf\n'),
        'defaults/main.yml': 'conf_template: app.conf.j2\n',
        'templates/app.conf.j2': 'a = 1\n',
      },
      expected: "# tasks/main.yml:1 Write the config\ntemplate '/etc/app.conf' do\n  source A2C::Tasks.template_source(node['demo']['conf_template'])\nend",
    },
    {
      title: 'template with YAML int mode 0644 and validate %s -> verify %{path}',
      files: tasks(
        '- name: Write haproxy.cfg\n  ansible.builtin.template:\n    src: haproxy.cfg.j2\n    dest: /etc/haproxy/haproxy.cfg\n    owner: root\n    group: haproxy\n    mode: 0644\n    validate: haproxy -c -f %s\n',
        { 'templates/haproxy.cfg.j2': 'global\n  maxconn {{ haproxy_maxconn }}\n' },
      ),
      expected: [
        '# tasks/main.yml:1 Write haproxy.cfg',
        "template '/etc/haproxy/haproxy.cfg' do",
        "  source 'haproxy.cfg.erb'",
        "  owner 'root'",
        "  group 'haproxy'",
        "  mode '0644'",
        "  verify 'haproxy -c -f %{path}'",
        'end',
      ].join('\n'),
    },
    {
      title: "string mode '0640'",
      files: tasks('- name: Write cinder.conf\n  template:\n    src: cinder.conf.j2\n    dest: /etc/cinder/cinder.conf\n    mode: "0640"\n', {
        'templates/cinder.conf.j2': '[DEFAULT]\n',
      }),
      expected: "# tasks/main.yml:1 Write cinder.conf\ntemplate '/etc/cinder/cinder.conf' do\n  source 'cinder.conf.erb'\n  mode '0640'\nend",
    },
    {
      title: 'symbolic mode relative to the current mode -> TODO',
      files: tasks('- name: Write motd\n  template:\n    src: motd.j2\n    dest: /etc/motd\n    mode: u=rw,g+r,o=r\n', { 'templates/motd.j2': 'hello\n' }),
      expected: todo(
        'A2C-TODO-MODE',
        'symbolic mode "u=rw,g+r,o=r" changes the file\'s current mode (or depends on the umask); Chef sets only whole octal modes',
        'tasks/main.yml:1 Write motd',
        '- name: Write motd\n  template:\n    src: motd.j2\n    dest: /etc/motd\n    mode: u=rw,g+r,o=r\n',
      ),
      codes: ['A2C-TODO-MODE'],
    },
  ],
  'ansible.builtin.copy': [
    {
      title: 'copy into a folder (dest ending in /) -> the folder (made when missing) and dest + basename(src)',
      files: tasks('- name: Install the check\n  copy: src=check_app.sh dest=/usr/local/lib/nagios/\n', { 'files/check_app.sh': '#!/bin/sh\nexit 0\n' }),
      expected: "# tasks/main.yml:1 Install the check\ndirectory '/usr/local/lib/nagios' do\n  recursive true\nend\n\n# tasks/main.yml:1 Install the check\ncookbook_file '/usr/local/lib/nagios/check_app.sh' do\n  source 'check_app.sh'\nend",
    },
    {
      title: 'copy into a folder with an owner stays a TODO (the module gives new folders that owner too)',
      files: tasks('- name: Install the check\n  copy: src=check_app.sh dest=/usr/local/lib/nagios/ owner=nagios\n', { 'files/check_app.sh': '#!/bin/sh\nexit 0\n' }),
      expected: todo('A2C-TODO-PARAM', 'copy to a directory (dest ending in /) is converted only for a static src without content, remote_src, owner, group or mode; name the file', 'tasks/main.yml:1 Install the check', '- name: Install the check\n  copy: src=check_app.sh dest=/usr/local/lib/nagios/ owner=nagios\n'),
      codes: ['A2C-TODO-PARAM'],
    },
    {
      title: 'force: no -> :create_if_missing (an existing file is left untouched, modes included)',
      files: tasks('- name: Seed the local settings once\n  copy:\n    content: "debug = false\\n"\n    dest: /etc/app/local.ini\n    mode: "0640"\n    force: no\n'),
      expected: "# tasks/main.yml:1 Seed the local settings once\nfile '/etc/app/local.ini' do\n  content \"debug = false\\n\"\n  mode '0640'\n  action :create_if_missing\nend",
    },
    {
      title: 'templated force -> the action picked at run time from the same table',
      files: {
        ...tasks('- name: Write the motd\n  copy:\n    content: "hello\\n"\n    dest: /etc/motd\n    force: "{{ motd_overwrite }}"\n'),
        'defaults/main.yml': 'motd_overwrite: true\n',
      },
      expected: "# tasks/main.yml:1 Write the motd\nfile '/etc/motd' do\n  content \"hello\\n\"\n  action A2C::Tasks.action(node['demo']['motd_overwrite'], { 'true' => 'create', 'false' => 'create_if_missing' })\nend",
    },
    {
      title: 'templated src -> one of the role files, chosen when the recipe compiles',
      files: {
        ...tasks('- name: Install the unit override\n  copy:\n    src: "{{ unit_file }}"\n    dest: /etc/systemd/system/app.service\n'),
        'defaults/main.yml': 'unit_file: app.service\n',
        'files/app.service': '[Unit]\n',
        'files/app-debug.service': '[Unit]\n',
      },
      expected: "# tasks/main.yml:1 Install the unit override\ncookbook_file '/etc/systemd/system/app.service' do\n  source A2C::Tasks.file_source(node['demo']['unit_file'])\nend",
    },
    {
      title: 'src from files/ -> cookbook_file',
      files: tasks('- name: Install the CA bundle\n  ansible.builtin.copy:\n    src: ca.pem\n    dest: /etc/ssl/certs/company-ca.pem\n    mode: 0444\n', {
        'files/ca.pem': '-----BEGIN CERTIFICATE-----\n',
      }),
      expected: "# tasks/main.yml:1 Install the CA bundle\ncookbook_file '/etc/ssl/certs/company-ca.pem' do\n  source 'ca.pem'\n  mode '0444'\nend",
    },
    {
      title: 'content -> file with content',
      files: tasks('- name: Write the limits\n  copy:\n    content: "* soft nofile 4096\\n"\n    dest: /etc/security/limits.d/nofile.conf\n'),
      expected: "# tasks/main.yml:1 Write the limits\nfile '/etc/security/limits.d/nofile.conf' do\n  content \"* soft nofile 4096\\n\"\nend",
    },
    {
      title: 'remote_src -> file with the content read lazily on the node',
      files: tasks('- name: Keep a copy of the default config\n  copy:\n    src: /etc/nginx/nginx.conf\n    dest: /etc/nginx/nginx.conf.orig\n    remote_src: yes\n'),
      expected: [
        '# tasks/main.yml:1 Keep a copy of the default config',
        '# remote_src: decides between cookbook_file and a file copied on the node',
        "file '/etc/nginx/nginx.conf.orig' do",
        "  content lazy { File.read('/etc/nginx/nginx.conf') }",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.file': [
    {
      title: 'state: directory with owner/mode -> a2c_directory (the attributes on every directory it creates)',
      files: tasks('- name: Create the certificate directory\n  ansible.builtin.file:\n    path: /etc/haproxy/certs\n    state: directory\n    owner: root\n    mode: "0750"\n'),
      expected: "# tasks/main.yml:1 Create the certificate directory\na2c_directory '/etc/haproxy/certs' do\n  owner 'root'\n  mode '0750'\nend",
    },
    {
      title: "recurse: false is the module's default (accepted); a setgid mode string '02755' is octal",
      files: tasks('- name: Create the data directory\n  file:\n    path: /var/lib/mysql\n    state: directory\n    mode: "02755"\n    recurse: "false"\n'),
      expected: "# tasks/main.yml:1 Create the data directory\na2c_directory '/var/lib/mysql' do\n  mode '02755'\nend",
    },
    {
      title: 'recurse: true -> a2c_directory giving the owner to every entry below the path too',
      files: tasks('- name: Own the tree\n  file:\n    path: /srv/app\n    state: directory\n    owner: app\n    recurse: yes\n'),
      expected: "# tasks/main.yml:1 Own the tree\n# recurse: owner, group and mode also go to every entry below the directory (a2c_directory, at converge time)\na2c_directory '/srv/app' do\n  owner 'app'\n  recurse true\nend",
    },
    {
      title: 'state: touch with both times preserved -> :create (idempotent touch)',
      files: tasks('- name: Slow query log exists\n  file:\n    path: /var/log/mysql/slow.log\n    state: touch\n    mode: "0640"\n    modification_time: preserve\n    access_time: preserve\n'),
      expected: "# tasks/main.yml:1 Slow query log exists\n# state: touch with both times preserved -> :create (an existing file keeps its times)\nfile '/var/log/mysql/slow.log' do\n  mode '0640'\nend",
    },
    {
      title: 'state: touch preserving only one time is a TODO (Chef touches both)',
      files: tasks('- name: Touch\n  file:\n    path: /tmp/x\n    state: touch\n    modification_time: preserve\n'),
      expected: todo('A2C-TODO-PARAM', "argument 'modification_time' of ansible.builtin.file: timestamps other than the state's default (and touch with both preserved) are not converted", 'tasks/main.yml:1 Touch', '- name: Touch\n  file:\n    path: /tmp/x\n    state: touch\n    modification_time: preserve\n'),
      codes: ['A2C-TODO-PARAM'],
    },
    {
      title: 'state: file -> file (with the difference noted)',
      files: tasks('- name: Fix key permissions\n  file:\n    path: /etc/ssl/private/site.key\n    state: file\n    mode: "0600"\n'),
      expected: [
        '# tasks/main.yml:1 Fix key permissions',
        '# state: file — Ansible fails when the file is missing; Chef creates it empty',
        "file '/etc/ssl/private/site.key' do",
        "  mode '0600'",
        'end',
      ].join('\n'),
    },
    {
      title: 'state: link with dest as the path alias -> link named by the link path',
      files: tasks('- name: Link the site\n  file:\n    src: /etc/nginx/sites-available/site\n    dest: /etc/nginx/sites-enabled/site\n    state: link\n'),
      expected: "# tasks/main.yml:1 Link the site\nlink '/etc/nginx/sites-enabled/site' do\n  to '/etc/nginx/sites-available/site'\nend",
    },
    {
      title: 'state: hard -> link_type :hard',
      files: tasks('- name: Hard link\n  file:\n    src: /srv/a\n    path: /srv/b\n    state: hard\n'),
      expected: "# tasks/main.yml:1 Hard link\nlink '/srv/b' do\n  to '/srv/a'\n  link_type :hard\nend",
    },
    {
      title: 'state: touch -> file :touch',
      files: tasks('- name: Touch the marker\n  file: path=/var/lib/app/.configured state=touch\n'),
      expected: "# tasks/main.yml:1 Touch the marker\nfile '/var/lib/app/.configured' do\n  action :touch\nend",
    },
    {
      title: 'state: absent -> directory or file delete, whichever the path is',
      files: tasks('- name: Remove the default site\n  file:\n    path: /etc/nginx/sites-enabled/default\n    state: absent\n'),
      expected: [
        '# tasks/main.yml:1 Remove the default site',
        "directory '/etc/nginx/sites-enabled/default' do",
        '  recursive true',
        '  action :delete',
        "  only_if { File.directory?('/etc/nginx/sites-enabled/default') }",
        'end',
        '',
        '# tasks/main.yml:1 Remove the default site',
        "file '/etc/nginx/sites-enabled/default' do",
        '  action :delete',
        "  not_if { File.directory?('/etc/nginx/sites-enabled/default') }",
        'end',
      ].join('\n'),
    },
    {
      title: 'an argument the table does not know -> TODO with A2C-TODO-PARAM',
      files: tasks('- name: Make it immutable\n  file:\n    path: /etc/resolv.conf\n    attributes: +i\n'),
      expected: todo(
        'A2C-TODO-PARAM',
        "argument 'attributes' of ansible.builtin.file is not in the mapping table",
        'tasks/main.yml:1 Make it immutable',
        '- name: Make it immutable\n  file:\n    path: /etc/resolv.conf\n    attributes: +i\n',
      ),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'ansible.builtin.lineinfile': [
    {
      title: 'a2c_line',
      files: tasks('- name: Disable root login\n  ansible.builtin.lineinfile:\n    path: /etc/ssh/sshd_config\n    regexp: "^#?PermitRootLogin"\n    line: PermitRootLogin no\n'),
      expected: "# tasks/main.yml:1 Disable root login\na2c_line '/etc/ssh/sshd_config' do\n  regexp '^#?PermitRootLogin'\n  line 'PermitRootLogin no'\nend",
    },
  ],
  'community.general.ini_file': [
    {
      title: 'a2c_ini_setting',
      files: tasks('- name: Set the bind host\n  community.general.ini_file:\n    path: /etc/keystone/keystone.conf\n    section: DEFAULT\n    option: bind_host\n    value: "::1"\n    mode: "0640"\n'),
      expected: [
        '# tasks/main.yml:1 Set the bind host',
        "a2c_ini_setting '/etc/keystone/keystone.conf' do",
        "  section 'DEFAULT'",
        "  option 'bind_host'",
        "  value '::1'",
        "  mode '0640'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.blockinfile': [
    {
      title: 'a2c_block',
      files: tasks('- name: Add hosts\n  blockinfile:\n    path: /etc/hosts\n    block: |\n      fd00::10 db1\n    marker: "# {mark} DB HOSTS"\n'),
      expected: "# tasks/main.yml:1 Add hosts\na2c_block '/etc/hosts' do\n  block \"fd00::10 db1\\n\"\n  marker '# {mark} DB HOSTS'\nend",
    },
  ],
  'ansible.builtin.replace': [
    {
      title: 'a2c_replace',
      files: tasks("- name: Listen on IPv6\n  replace:\n    path: /etc/memcached.conf\n    regexp: '^-l 127\\.0\\.0\\.1$'\n    replace: '-l ::1'\n"),
      // Ruby reads '\\\\.' and '\\.' alike; the printer escapes every backslash.
      expected: "# tasks/main.yml:1 Listen on IPv6\na2c_replace '/etc/memcached.conf' do\n  regexp '^-l 127\\\\.0\\\\.0\\\\.1$'\n  replace '-l ::1'\nend",
    },
  ],
  'ansible.builtin.user': [
    {
      title: 'present -> create',
      files: tasks('- name: Create the cinder user\n  ansible.builtin.user:\n    name: cinder\n    uid: 165\n    group: cinder\n    home: /var/lib/cinder\n    shell: /bin/false\n    system: yes\n'),
      expected: [
        '# tasks/main.yml:1 Create the cinder user',
        "user 'cinder' do",
        '  uid 165',
        "  gid 'cinder'",
        "  home '/var/lib/cinder'",
        "  shell '/bin/false'",
        '  system true',
        'end',
      ].join('\n'),
    },
    {
      title: 'absent -> remove',
      files: tasks('- name: Drop the games user\n  user:\n    name: games\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Drop the games user\nuser 'games' do\n  action :remove\nend",
    },
  ],
  'ansible.builtin.group': [
    {
      title: 'present -> create',
      files: tasks('- name: Create haproxy group\n  group:\n    name: haproxy\n    system: true\n'),
      expected: "# tasks/main.yml:1 Create haproxy group\ngroup 'haproxy' do\n  system true\nend",
    },
    {
      title: 'absent -> remove',
      files: tasks('- name: Drop the games group\n  ansible.builtin.group:\n    name: games\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Drop the games group\ngroup 'games' do\n  action :remove\nend",
    },
  ],
  'ansible.builtin.command': [
    {
      title: 'free-form command is split into argv (no shell); creates and chdir',
      files: tasks("- name: Initialise the database\n  ansible.builtin.command: keystone-manage db_sync --log 'a b'\n  args:\n    creates: /var/lib/keystone/.synced\n    chdir: /var/lib/keystone\n"),
      expected: [
        '# tasks/main.yml:1 Initialise the database',
        "execute 'Initialise the database' do",
        "  command ['keystone-manage', 'db_sync', '--log', 'a b']",
        "  creates '/var/lib/keystone/.synced'",
        "  cwd '/var/lib/keystone'",
        'end',
      ].join('\n'),
    },
    {
      title: 'argv list',
      files: tasks('- name: Rebuild the CA list\n  command:\n    argv:\n      - update-ca-certificates\n      - --fresh\n'),
      expected: "# tasks/main.yml:1 Rebuild the CA list\nexecute 'Rebuild the CA list' do\n  command ['update-ca-certificates', '--fresh']\nend",
    },
    {
      title: 'templated command line is split at converge time; removes -> only_if File.exist?',
      files: tasks('- name: Drop the old socket\n  command: "rm -f {{ sock_path }}"\n  args:\n    removes: "{{ sock_path }}"\n'),
      expected: [
        '# tasks/main.yml:1 Drop the old socket',
        '# the templated command line is split into words at converge time (no shell, as in Ansible)',
        "execute 'Drop the old socket' do",
        "  command A2C::Tasks.shlex_split(\"rm -f #{A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'sock_path'))}\")",
        "  only_if { File.exist?(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'sock_path'))) }",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.shell': [
    {
      title: 'shell in a loop with register -> every item runs, a failed one fails the task afterwards unless ignore_errors',
      files: tasks('- name: Check each unit\n  shell: "systemctl is-enabled {{ item }}"\n  loop: [cinder-volume, cinder-backup]\n  register: units\n  ignore_errors: true\n'),
      expected: [
        '# tasks/main.yml:1 Check each unit',
        "# registers 'units' (a result per loop item) for later tasks (node.run_state)",
        "ruby_block 'Check each unit' do",
        '  block do',
        "    A2C::Tasks.register_each(node.run_state, 'units', %w(cinder-volume cinder-backup), 'item', ignore_errors: true) { |item| A2C::Tasks.command_result(\"systemctl is-enabled #{item}\") }",
        '  end',
        'end',
      ].join('\n'),
    },
    {
      title: 'shell keeps the string (Chef runs it through /bin/sh)',
      files: tasks('- name: Count the rules\n  ansible.builtin.shell: iptables -S | wc -l > /tmp/rules\n  args:\n    creates: /tmp/rules\n'),
      expected: "# tasks/main.yml:1 Count the rules\nexecute 'Count the rules' do\n  command 'iptables -S | wc -l > /tmp/rules'\n  creates '/tmp/rules'\nend",
    },
  ],
  'ansible.builtin.get_url': [
    {
      title: 'remote_file with a sha256 checksum',
      files: tasks(
        `- name: Download node_exporter\n  get_url:\n    url: https://example.com/ne.tar.gz\n    dest: /opt/ne.tar.gz\n    checksum: sha256:${'AB'.repeat(32)}\n    mode: "0644"\n`,
      ),
      expected: [
        '# tasks/main.yml:1 Download node_exporter',
        "remote_file '/opt/ne.tar.gz' do",
        "  source 'https://example.com/ne.tar.gz'",
        `  checksum '${'ab'.repeat(32)}'`,
        "  mode '0644'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.unarchive': [
    {
      title: 'remote_src archive -> archive_file with a creates guard',
      files: tasks('- name: Unpack\n  unarchive:\n    src: /opt/ne.tar.gz\n    dest: /opt/ne\n    remote_src: yes\n    creates: /opt/ne/node_exporter\n'),
      expected: [
        '# tasks/main.yml:1 Unpack',
        '# remote_src: a controller-side archive is shipped as a cookbook_file first',
        "archive_file '/opt/ne.tar.gz' do",
        "  destination '/opt/ne'",
        "  not_if { File.exist?('/opt/ne/node_exporter') }",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.git': [
    {
      title: 'git sync',
      files: tasks('- name: Check out the tools\n  git:\n    repo: https://example.com/tools.git\n    dest: /opt/tools\n    version: v1.2\n'),
      expected: "# tasks/main.yml:1 Check out the tools\n# force: no: the module fails on local modifications; git :sync would discard them\nruby_block 'git local modifications in /opt/tools' do\n  block do\n    A2C::Modules.git_unmodified!('/opt/tools')\n  end\nend\n\n# tasks/main.yml:1 Check out the tools\ngit '/opt/tools' do\n  repository 'https://example.com/tools.git'\n  revision 'v1.2'\n  enable_submodules true\nend",
    },
  ],
  'community.general.alternatives': [
    {
      title: 'selected (default): installed when not registered (group link, priority 50), then set',
      files: tasks('- name: Use Java 17\n  community.general.alternatives:\n    name: java\n    path: /usr/lib/jvm/java-17-openjdk-amd64/bin/java\n'),
      expected: "# tasks/main.yml:1 Use Java 17\nalternatives 'java (install)' do\n  link_name 'java'\n  path '/usr/lib/jvm/java-17-openjdk-amd64/bin/java'\n  link lazy { A2C::Modules.alternatives_link('java') }\n  priority 50\n  not_if { A2C::Modules.alternative?('java', '/usr/lib/jvm/java-17-openjdk-amd64/bin/java') }\nend\n\n# tasks/main.yml:1 Use Java 17\nalternatives 'java (select)' do\n  link_name 'java'\n  path '/usr/lib/jvm/java-17-openjdk-amd64/bin/java'\n  action :set\nend",
    },
  ],
  'community.general.dpkg_divert': [
    {
      title: 'present: dpkg-divert --add unless the diversion is there as wanted',
      files: tasks('- name: Divert the stock config\n  community.general.dpkg_divert:\n    path: /etc/issue\n    divert: /etc/issue.distrib\n    rename: true\n'),
      expected: "# tasks/main.yml:1 Divert the stock config\nexecute 'dpkg-divert add /etc/issue' do\n  command [\n    'dpkg-divert',\n    '--rename',\n    '--local',\n    '--divert',\n    '/etc/issue.distrib',\n    '--add',\n    '/etc/issue',\n  ]\n  not_if { A2C::Modules.diversion('/etc/issue') == { 'holder' => 'LOCAL', 'divert' => '/etc/issue.distrib' } }\nend",
    },
  ],
  'ansible.builtin.rpm_key': [
    {
      title: 'present -> rpm --import unless the key id is imported (read at converge time)',
      files: tasks('- name: Import the EPEL key\n  ansible.builtin.rpm_key:\n    key: https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9\n    state: present\n'),
      expected: [
        '# tasks/main.yml:1 Import the EPEL key',
        "execute 'rpm --import https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9' do",
        "  command ['rpm', '--import', 'https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9']",
        "  not_if { A2C::Modules.rpm_key_imported?('https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9') }",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.cron': [
    {
      title: 'templated special_time in a cron_file -> predefined_value computed when the recipe compiles',
      files: {
        ...tasks('- name: Rotate credentials\n  cron:\n    name: credential rotation\n    special_time: "{{ rotation }}"\n    user: keystone\n    job: /usr/local/bin/rotate\n    cron_file: keystone-rotate\n'),
        'defaults/main.yml': 'rotation: weekly\n',
      },
      expected: [
        '# tasks/main.yml:1 Rotate credentials',
        '# cron_file: selects a cron_d resource',
        "cron_d 'keystone-rotate' do",
        `  predefined_value "@#{node['demo']['rotation']}"`,
        "  user 'keystone'",
        "  command '/usr/local/bin/rotate'",
        'end',
      ].join('\n'),
    },
    {
      title: 'templated special_time in the user crontab -> time as a symbol',
      files: {
        ...tasks('- name: Flush tokens\n  cron:\n    name: token flush\n    special_time: "{{ rotation }}"\n    job: keystone-manage token_flush\n'),
        'defaults/main.yml': 'rotation: weekly\n',
      },
      expected: [
        '# tasks/main.yml:1 Flush tokens',
        "cron 'token flush' do",
        "  time node['demo']['rotation'].to_sym",
        "  command 'keystone-manage token_flush'",
        'end',
      ].join('\n'),
    },
    {
      title: 'cron in the user crontab',
      files: tasks('- name: Rotate tokens\n  cron:\n    name: keystone token flush\n    minute: "0"\n    hour: "*/4"\n    user: keystone\n    job: keystone-manage token_flush\n'),
      expected: [
        '# tasks/main.yml:1 Rotate tokens',
        "cron 'keystone token flush' do",
        "  minute '0'",
        "  hour '*/4'",
        "  user 'keystone'",
        "  command 'keystone-manage token_flush'",
        'end',
      ].join('\n'),
    },
    {
      title: 'cron_file -> cron_d named by the file',
      files: tasks('- name: Backup\n  cron:\n    name: nightly backup\n    cron_file: backup\n    special_time: daily\n    user: root\n    job: /usr/local/bin/backup\n'),
      expected: [
        '# tasks/main.yml:1 Backup',
        '# cron_file: selects a cron_d resource',
        "cron_d 'backup' do",
        "  predefined_value '@daily'",
        "  user 'root'",
        "  command '/usr/local/bin/backup'",
        'end',
      ].join('\n'),
    },
    {
      title: 'cron_file with a dot -> TODO (cron_d would write another file name)',
      files: tasks('- name: Backup\n  cron:\n    name: nightly backup\n    cron_file: backup.job\n    job: /usr/local/bin/backup\n    user: root\n'),
      expected: todo(
        'A2C-TODO-PARAM',
        'cron_file must be a static file name in /etc/cron.d without dots (cron_d turns dots into dashes)',
        'tasks/main.yml:1 Backup',
        '- name: Backup\n  cron:\n    name: nightly backup\n    cron_file: backup.job\n    job: /usr/local/bin/backup\n    user: root\n',
      ),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'ansible.posix.sysctl': [
    {
      title: 'sysctl apply',
      files: tasks('- name: Accept router advertisements\n  ansible.posix.sysctl:\n    name: net.ipv6.conf.all.accept_ra\n    value: "2"\n    sysctl_set: yes\n'),
      expected: [
        '# tasks/main.yml:1 Accept router advertisements',
        "# sysctl_set: Chef's sysctl applies the value immediately",
        "sysctl 'net.ipv6.conf.all.accept_ra' do",
        "  value '2'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.posix.mount': [
    {
      title: 'mounted -> mount point, fstab entry remounting when it changes, :mount',
      files: tasks('- name: Mount the volume store\n  mount:\n    path: /var/lib/cinder\n    src: /dev/vg0/cinder\n    fstype: xfs\n    opts: noatime\n    state: mounted\n'),
      expected: [
        '# tasks/main.yml:1 Mount the volume store',
        '# the module makes the mount point when it is missing',
        "directory '/var/lib/cinder' do",
        '  recursive true',
        "  not_if { File.exist?('/var/lib/cinder') }",
        'end',
        '',
        '# tasks/main.yml:1 Mount the volume store',
        '# a changed fstab line remounts a mounted filesystem, as the module does',
        "mount '/var/lib/cinder (fstab)' do",
        "  mount_point '/var/lib/cinder'",
        "  device '/dev/vg0/cinder'",
        "  fstype 'xfs'",
        "  options 'noatime'",
        '  pass 0',
        '  action :enable',
        "  notifies :remount, 'mount[/var/lib/cinder]', :immediately",
        'end',
        '',
        '# tasks/main.yml:1 Mount the volume store',
        "mount '/var/lib/cinder' do",
        "  device '/dev/vg0/cinder'",
        "  fstype 'xfs'",
        "  options 'noatime'",
        '  pass 0',
        '  supports({ remount: true })',
        'end',
      ].join('\n'),
    },
    {
      title: 'absent -> [:umount, :disable]',
      files: tasks('- name: Drop the old mount\n  ansible.posix.mount:\n    path: /mnt/old\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Drop the old mount\nmount '/mnt/old' do\n  action [:umount, :disable]\nend",
    },
    {
      title: 'present -> :enable only',
      files: tasks('- name: Record the mount\n  mount:\n    path: /srv\n    src: /dev/sdb1\n    fstype: ext4\n    state: present\n'),
      expected: "# tasks/main.yml:1 Record the mount\nmount '/srv' do\n  device '/dev/sdb1'\n  fstype 'ext4'\n  pass 0\n  action :enable\nend",
    },
  ],
  'ansible.builtin.debug': [
    {
      title: 'msg -> log',
      files: tasks('- name: Say where\n  debug:\n    msg: "listening on {{ bind_host }}"\n'),
      expected: [
        '# tasks/main.yml:1 Say where',
        "log 'Say where' do",
        "  message \"listening on #{A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'bind_host'))}\"",
        '  level :info',
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.fail': [
    {
      title: 'fail -> ruby_block raising, guarded by when',
      files: tasks('- name: Refuse IPv4\n  fail:\n    msg: IPv6 only\n  when: use_ipv4 | bool\n'),
      expected: [
        '# tasks/main.yml:1 Refuse IPv4',
        "ruby_block 'Refuse IPv4' do",
        '  block do',
        "    raise('IPv6 only')",
        '  end',
        "  only_if { A2C::Jinja.truthy(A2C::Jinja.bool(A2C::Jinja.input(node, 'ansible', 'use_ipv4'))) }",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.assert': [
    {
      title: 'assert -> ruby_block',
      files: tasks('- name: Check the port\n  assert:\n    that:\n      - api_port > 1024\n    fail_msg: port too low\n'),
      expected: [
        '# tasks/main.yml:1 Check the port',
        "ruby_block 'Check the port' do",
        '  block do',
        "    A2C::Jinja.gt(A2C::Jinja.input(node, 'ansible', 'api_port'), 1024) ? nil : raise('port too low')",
        '  end',
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.set_fact': [
    {
      title: 'set_fact -> node.run_state',
      files: tasks('- name: Remember the VIP\n  set_fact:\n    vip: "fd00::1"\n'),
      expected: "# tasks/main.yml:1 Remember the VIP\nnode.run_state['vip'] = 'fd00::1'",
    },
  ],
  'ansible.builtin.apt_repository': [
    {
      title: 'deb line -> apt_repository parts',
      files: tasks('- name: Add the Ceph repo\n  apt_repository:\n    repo: deb [arch=amd64] https://download.ceph.com/debian-reef bookworm main\n    filename: ceph\n'),
      expected: [
        '# tasks/main.yml:1 Add the Ceph repo',
        "apt_repository 'ceph' do",
        "  uri 'https://download.ceph.com/debian-reef'",
        "  distribution 'bookworm'",
        "  components ['main']",
        "  arch 'amd64'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.apt_key': [
    {
      title: 'apt_key url -> remote_file in trusted.gpg.d',
      files: tasks('- name: Trust the Ceph key\n  apt_key:\n    url: https://download.ceph.com/keys/release.asc\n    state: present\n'),
      expected: [
        '# tasks/main.yml:1 Trust the Ceph key',
        "remote_file '/etc/apt/trusted.gpg.d/release.asc' do",
        "  source 'https://download.ceph.com/keys/release.asc'",
        "  mode '0644'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.yum_repository': [
    {
      title: 'yum_repository create',
      files: tasks('- name: Add EPEL\n  yum_repository:\n    name: epel\n    description: EPEL\n    baseurl: https://download.example.com/epel/$releasever/$basearch/\n    gpgcheck: yes\n'),
      expected: [
        '# tasks/main.yml:1 Add EPEL',
        "yum_repository 'epel' do",
        "  description 'EPEL'",
        "  baseurl 'https://download.example.com/epel/$releasever/$basearch/'",
        '  gpgcheck true',
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.deb822_repository': [
    {
      title: 'deb822 sources file plus an apt_update notified immediately',
      files: tasks('- name: Add the MariaDB source\n  deb822_repository:\n    name: mariadb\n    types: deb\n    uris: https://mirror.example.com/mariadb\n    suites: bookworm\n    components: main\n'),
      expected: [
        '# tasks/main.yml:1 Add the MariaDB source',
        "apt_update 'apt cache for mariadb' do",
        '  action :nothing',
        'end',
        '',
        '# tasks/main.yml:1 Add the MariaDB source',
        "file '/etc/apt/sources.list.d/mariadb.sources' do",
        '  content "X-Repolib-Name: mariadb\\nTypes: deb\\nURIs: https://mirror.example.com/mariadb\\nSuites: bookworm\\nComponents: main\\n"',
        "  mode '0644'",
        "  notifies :update, 'apt_update[apt cache for mariadb]', :immediately",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.pip': [
    {
      title: 'pip install guarded by pip show',
      files: tasks('- name: Install the client\n  pip:\n    name: python-openstackclient\n'),
      expected: [
        '# tasks/main.yml:1 Install the client',
        "execute 'pip present python-openstackclient' do",
        '  command %w(pip3 install python-openstackclient)',
        "  not_if 'pip3 show python-openstackclient'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.hostname': [
    {
      title: 'hostname set',
      files: tasks('- name: Name the host\n  hostname:\n    name: controller1\n'),
      expected: "# tasks/main.yml:1 Name the host\nhostname 'controller1'",
    },
  ],
  'community.general.modprobe': [
    {
      title: 'modprobe persistent -> kernel_module install',
      files: tasks('- name: Load the iSCSI target module\n  community.general.modprobe:\n    name: target_core_mod\n    state: present\n    persistent: present\n'),
      expected: [
        '# tasks/main.yml:1 Load the iSCSI target module',
        '# persistent: present makes the load persistent (action :install)',
        "kernel_module 'target_core_mod'",
      ].join('\n'),
    },
  ],
  'community.crypto.openssl_privatekey': [
    {
      title: 'RSA key',
      files: tasks('- name: Generate the service key\n  community.crypto.openssl_privatekey:\n    path: /etc/pki/svc.key\n    size: 4096\n    mode: "0600"\n'),
      expected: "# tasks/main.yml:1 Generate the service key\nopenssl_rsa_private_key '/etc/pki/svc.key' do\n  key_length 4096\n  mode '0600'\nend",
    },
  ],
  'community.crypto.x509_certificate': [
    {
      title: 'ownca certificate',
      files: tasks(
        '- name: Issue the API certificate\n  community.crypto.x509_certificate:\n    path: /etc/pki/api.crt\n    privatekey_path: /etc/pki/api.key\n    csr_path: /etc/pki/api.csr\n    ownca_path: /etc/pki/ca.crt\n    ownca_privatekey_path: /etc/pki/ca.key\n    provider: ownca\n',
      ),
      expected: [
        '# tasks/main.yml:1 Issue the API certificate',
        '# provider: selfsigned and ownca are converted; acme is not',
        "openssl_x509_certificate '/etc/pki/api.crt' do",
        "  key_file '/etc/pki/api.key'",
        "  csr_file '/etc/pki/api.csr'",
        "  ca_cert_file '/etc/pki/ca.crt'",
        "  ca_key_file '/etc/pki/ca.key'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.wait_for': [
    {
      title: 'wait for a port -> ruby_block with retries',
      files: tasks('- name: Wait for keystone\n  wait_for:\n    host: "::1"\n    port: 5000\n    timeout: 60\n    sleep: 2\n'),
      expected: [
        '# tasks/main.yml:1 Wait for keystone',
        "ruby_block 'Wait for keystone' do",
        '  block do',
        "    TCPSocket.new('::1', 5000).close",
        '  end',
        '  retries 30',
        '  retry_delay 2',
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.uri': [
    {
      title: 'uri POST -> http_request :post',
      files: tasks('- name: Ping the webhook\n  uri:\n    url: https://hooks.example.com/deploy\n    method: POST\n    body: done\n'),
      expected: "# tasks/main.yml:1 Ping the webhook\nhttp_request 'Ping the webhook' do\n  url 'https://hooks.example.com/deploy'\n  message 'done'\n  action :post\nend",
    },
  ],
  // Built-in plugins (src/plugins/builtin).
  'ansible.builtin.setup': [
    {
      title: 'setup mid-play -> ohai reload',
      files: tasks('- name: Refresh facts\n  setup:\n    gather_subset: min\n'),
      expected: ["# tasks/main.yml:1 Refresh facts", "ohai 'Refresh facts'"].join('\n'),
    },
  ],
  'openstack.config_template.config_template': [
    {
      title: 'config_template ini with a literal override -> template + a2c_ini_setting',
      files: {
        ...tasks('- name: Configure\n  config_template:\n    src: app.conf.j2\n    dest: /etc/app.conf\n    config_type: ini\n    config_overrides:\n      main: { port: "8080" }\n'),
        'templates/app.conf.j2': '[main]\nport = 80\n',
      },
      expected: [
        '# tasks/main.yml:1 Configure',
        "template '/etc/app.conf' do",
        "  source 'app.conf.erb'",
        'end',
        '',
        '# tasks/main.yml:1 Configure',
        "a2c_ini_setting '/etc/app.conf [main] port' do",
        "  path '/etc/app.conf'",
        "  section 'main'",
        "  option 'port'",
        "  value '8080'",
        'end',
      ].join('\n'),
    },
  ],
  'ansible.builtin.find': [
    {
      title: 'find with register -> A2C::Find walks at converge time; patterns text split on commas as the module splits it',
      files: tasks("- name: Find certificates\n  ansible.builtin.find:\n    paths: /etc/haproxy/ssl\n    patterns: '*.crt,*.key'\n    recurse: yes\n  register: certs\n"),
      expected: [
        '# tasks/main.yml:1 Find certificates',
        "# registers 'certs' for later tasks (node.run_state)",
        "ruby_block 'Find certificates' do",
        '  block do',
        "    A2C::Find.register(node.run_state, 'certs', paths: '/etc/haproxy/ssl', patterns: ['*.crt', '*.key'], recurse: true)",
        '  end',
        'end',
      ].join('\n'),
    },
    {
      title: 'find with an age filter stays a TODO',
      files: tasks('- name: Old logs\n  find:\n    paths: /var/log/app\n    age: 2d\n  register: old\n'),
      expected: todo('A2C-TODO-PARAM', "find argument 'age': the age filter is not converted", 'tasks/main.yml:1 Old logs', '- name: Old logs\n  find:\n    paths: /var/log/app\n    age: 2d\n  register: old\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'ansible.builtin.stat': [
    {
      title: 'stat with register -> its result computed into node.run_state at converge time',
      files: tasks('- name: Look at the key\n  stat:\n    path: /etc/pki/svc.key\n  register: key\n'),
      expected: [
        '# tasks/main.yml:1 Look at the key',
        "# registers 'key' for later tasks (node.run_state)",
        "ruby_block 'Look at the key' do",
        '  block do',
        "    A2C::Tasks.register_stat(node.run_state, 'key', '/etc/pki/svc.key')",
        '  end',
        'end',
      ].join('\n'),
    },
    {
      title: 'stat follow: true looks at the link target',
      files: tasks('- name: Look through the link\n  stat:\n    path: /etc/alternatives/java\n    follow: true\n  register: java\n'),
      expected: [
        '# tasks/main.yml:1 Look through the link',
        "# registers 'java' for later tasks (node.run_state)",
        "ruby_block 'Look through the link' do",
        '  block do',
        "    A2C::Tasks.register_stat(node.run_state, 'java', '/etc/alternatives/java', follow: true)",
        '  end',
        'end',
      ].join('\n'),
    },
    {
      title: 'stat in a loop with register -> one ruby_block storing the loop result (results per item)',
      files: tasks('- name: Look at each certificate\n  stat:\n    path: "{{ item }}"\n  loop:\n    - /etc/pki/a.pem\n    - /etc/pki/b.pem\n  register: certs\n'),
      expected: [
        '# tasks/main.yml:1 Look at each certificate',
        "# registers 'certs' (a result per loop item) for later tasks (node.run_state)",
        "ruby_block 'Look at each certificate' do",
        '  block do',
        "    A2C::Tasks.register_each(node.run_state, 'certs', ['/etc/pki/a.pem', '/etc/pki/b.pem'], 'item') { |item| A2C::Tasks.stat_result(item) }",
        '  end',
        'end',
      ].join('\n'),
    },
    {
      title: 'stat without register has no effect: ignored with a diagnostic, nothing printed',
      files: tasks('- name: Look at the key\n  stat:\n    path: /etc/pki/svc.key\n'),
      expected: '',
    },
  ],
  'ansible.builtin.assemble': [
    {
      title: 'assemble (fragments on the node) -> a2c_assemble; validate -> verify',
      files: tasks('- name: Regenerate haproxy configuration\n  assemble:\n    src: /etc/haproxy/conf.d\n    dest: /etc/haproxy/haproxy.cfg\n    validate: /usr/sbin/haproxy -c -f %s\n    mode: "0640"\n    owner: haproxy\n'),
      expected: [
        '# tasks/main.yml:1 Regenerate haproxy configuration',
        "a2c_assemble '/etc/haproxy/haproxy.cfg' do",
        "  source '/etc/haproxy/conf.d'",
        "  verify '/usr/sbin/haproxy -c -f %{path}'",
        "  mode '0640'",
        "  owner 'haproxy'",
        'end',
      ].join('\n'),
    },
    {
      title: 'remote_src: false (fragments on the controller) is a TODO',
      files: tasks('- name: Build it\n  assemble:\n    src: fragments\n    dest: /etc/app.conf\n    remote_src: false\n'),
      expected: todo('A2C-TODO-PARAM', "argument 'remote_src' of ansible.builtin.assemble: fragments on the Ansible controller (remote_src: false) must be shipped with the cookbook; convert by hand", 'tasks/main.yml:1 Build it', '- name: Build it\n  assemble:\n    src: fragments\n    dest: /etc/app.conf\n    remote_src: false\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'community.mysql.mysql_db': [
    {
      title: 'mysql_db -> a2c_mysql_database (state present is the default)',
      files: tasks('- name: Create the application database\n  community.mysql.mysql_db:\n    name: app\n    encoding: utf8mb4\n    login_unix_socket: /run/mysqld/mysqld.sock\n'),
      expected: [
        '# tasks/main.yml:1 Create the application database',
        "a2c_mysql_database 'app' do",
        "  encoding 'utf8mb4'",
        "  login_unix_socket '/run/mysqld/mysqld.sock'",
        'end',
      ].join('\n'),
    },
    {
      title: 'state dump is not converted: a TODO, not a Chef validation failure',
      files: tasks('- name: Dump it\n  mysql_db:\n    name: app\n    state: dump\n    target: /tmp/app.sql\n'),
      expected: todo('A2C-TODO-PARAM', 'state: dump is not converted (community.mysql.mysql_db converts present, absent)', 'tasks/main.yml:1 Dump it', '- name: Dump it\n  mysql_db:\n    name: app\n    state: dump\n    target: /tmp/app.sql\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'community.mysql.mysql_user': [
    {
      title: 'free-form mysql_user with no_log -> a2c_mysql_user, sensitive',
      files: tasks("- name: Create the application user\n  mysql_user: name=app password={{ app_db_password }} priv=app.*:ALL host='%' state=present\n  no_log: true\n", { 'defaults/main.yml': 'app_db_password: s3cret\n' }),
      expected: [
        '# tasks/main.yml:1 Create the application user',
        "a2c_mysql_user 'app' do",
        "  password node['demo']['app_db_password']",
        "  priv 'app.*:ALL'",
        "  host '%'",
        "  state 'present'",
        '  sensitive true',
        'end',
      ].join('\n'),
    },
    {
      title: 'a guarded computed account name becomes a lazy property (the label names the resource)',
      files: tasks('- name: Replication user\n  community.mysql.mysql_user:\n    name: "{{ replication_user.name }}"\n    host: "%"\n    priv: "*.*:REPLICATION SLAVE"\n  when: replication_user.name is defined\n', { 'defaults/main.yml': 'replication_user: {}\n' }),
      expected: [
        '# tasks/main.yml:1 Replication user',
        "a2c_mysql_user 'Replication user' do",
        "  username lazy { A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(node['demo']['replication_user'], 'name'))), 'name') }",
        "  host '%'",
        "  priv '*.*:REPLICATION SLAVE'",
        "  only_if { A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(node['demo']['replication_user'], 'name') }) }",
        'end',
      ].join('\n'),
    },
  ],
  'community.rabbitmq.rabbitmq_user': [
    {
      title: 'rabbitmq_user state absent -> a2c_rabbitmq_user',
      files: tasks('- name: Remove the guest user\n  community.rabbitmq.rabbitmq_user:\n    user: guest\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Remove the guest user\na2c_rabbitmq_user 'guest' do\n  state 'absent'\nend",
    },
    {
      title: 'topic_permissions is a TODO',
      files: tasks('- name: Monitoring user\n  rabbitmq_user:\n    user: monitoring\n    tags: monitoring\n    topic_permissions: []\n'),
      expected: todo('A2C-TODO-PARAM', "argument 'topic_permissions' of community.rabbitmq.rabbitmq_user: topic permissions are not converted (existing ones are cleared, as the module clears those not listed)", 'tasks/main.yml:1 Monitoring user', '- name: Monitoring user\n  rabbitmq_user:\n    user: monitoring\n    tags: monitoring\n    topic_permissions: []\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'community.rabbitmq.rabbitmq_vhost': [
    {
      title: 'rabbitmq_vhost -> a2c_rabbitmq_vhost',
      files: tasks('- name: Add the vhost\n  community.rabbitmq.rabbitmq_vhost:\n    name: /openstack\n'),
      expected: "# tasks/main.yml:1 Add the vhost\na2c_rabbitmq_vhost '/openstack'",
    },
  ],
  'community.rabbitmq.rabbitmq_policy': [
    {
      title: 'rabbitmq_policy tags -> definition; priority as the string the module compares',
      files: tasks("- name: Mirror queues\n  community.rabbitmq.rabbitmq_policy:\n    name: HA\n    vhost: /openstack\n    pattern: '^(?!amq\\.).*'\n    tags:\n      ha-mode: all\n    priority: 0\n"),
      expected: [
        '# tasks/main.yml:1 Mirror queues',
        "a2c_rabbitmq_policy 'HA' do",
        "  vhost '/openstack'",
        "  pattern '^(?!amq\\\\.).*'",
        "  definition({ 'ha-mode' => 'all' })",
        "  priority '0'",
        'end',
      ].join('\n'),
    },
  ],
  'community.rabbitmq.rabbitmq_plugin': [
    {
      title: 'rabbitmq_plugin -> a2c_rabbitmq_plugin',
      files: tasks('- name: Enable the management plugin\n  community.rabbitmq.rabbitmq_plugin:\n    names: rabbitmq_management\n    new_only: true\n'),
      expected: "# tasks/main.yml:1 Enable the management plugin\na2c_rabbitmq_plugin 'rabbitmq_management' do\n  new_only true\nend",
    },
  ],
  'openstack.cloud.identity_domain': [
    {
      title: 'identity_domain -> a2c_openstack_domain; cloud, endpoint_type and verify are connection properties',
      files: tasks('- name: Add the LDAP domain\n  openstack.cloud.identity_domain:\n    cloud: default\n    name: ldap\n    description: LDAP users\n    endpoint_type: admin\n    verify: false\n'),
      expected: [
        '# tasks/main.yml:1 Add the LDAP domain',
        "a2c_openstack_domain 'ldap' do",
        "  cloud 'default'",
        "  description 'LDAP users'",
        "  interface 'admin'",
        '  validate_certs false',
        'end',
      ].join('\n'),
    },
    {
      title: 'the legacy os_keystone_domain name, state absent',
      files: tasks('- name: Drop the domain\n  os_keystone_domain:\n    cloud: default\n    name: old\n    state: absent\n'),
      expected: "# tasks/main.yml:1 Drop the domain\na2c_openstack_domain 'old' do\n  cloud 'default'\n  state 'absent'\nend",
    },
  ],
  'openstack.cloud.project': [
    {
      title: 'project -> a2c_openstack_project; domain_id (an ID or a name) -> domain; auth -> OS_ variables',
      files: tasks('- name: Ensure the service project\n  openstack.cloud.project:\n    auth:\n      auth_url: https://keystone:5000/v3\n      username: admin\n    name: service\n    domain_id: default\n    enabled: yes\n    interface: internal\n'),
      expected: [
        '# tasks/main.yml:1 Ensure the service project',
        "a2c_openstack_project 'service' do",
        "  auth({ 'auth_url' => 'https://keystone:5000/v3', 'username' => 'admin' })",
        "  domain 'default'",
        '  enabled true',
        "  interface 'internal'",
        'end',
      ].join('\n'),
    },
    {
      title: 'project properties stay a TODO',
      files: tasks('- name: Tagged project\n  openstack.cloud.project:\n    cloud: default\n    name: demo\n    properties:\n      alias: d\n'),
      expected: todo('A2C-TODO-PARAM', "argument 'properties' of openstack.cloud.project: extra project properties are not converted", 'tasks/main.yml:1 Tagged project', '- name: Tagged project\n  openstack.cloud.project:\n    cloud: default\n    name: demo\n    properties:\n      alias: d\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'openstack.cloud.identity_user': [
    {
      title: 'identity_user -> a2c_openstack_user with password and default project',
      files: tasks('- name: Ensure the glance user\n  openstack.cloud.identity_user:\n    cloud: default\n    name: glance\n    password: "{{ glance_password }}"\n    default_project: service\n    domain: default\n    update_password: always\n', { 'defaults/main.yml': 'glance_password: secret\n' }),
      expected: [
        '# tasks/main.yml:1 Ensure the glance user',
        "a2c_openstack_user 'glance' do",
        "  cloud 'default'",
        "  password node['demo']['glance_password']",
        "  default_project 'service'",
        "  domain 'default'",
        "  update_password 'always'",
        'end',
      ].join('\n'),
    },
  ],
  'openstack.cloud.identity_group': [
    {
      title: 'identity_group -> a2c_openstack_group',
      files: tasks('- name: Ensure the federated group\n  openstack.cloud.identity_group:\n    cloud: default\n    name: federated\n    domain_id: default\n'),
      expected: "# tasks/main.yml:1 Ensure the federated group\na2c_openstack_group 'federated' do\n  cloud 'default'\n  domain_id 'default'\nend",
    },
  ],
  'openstack.cloud.identity_role': [
    {
      title: 'identity_role -> a2c_openstack_role',
      files: tasks('- name: Ensure the member role\n  openstack.cloud.identity_role:\n    cloud: default\n    name: member\n'),
      expected: "# tasks/main.yml:1 Ensure the member role\na2c_openstack_role 'member' do\n  cloud 'default'\nend",
    },
  ],
  'openstack.cloud.role_assignment': [
    {
      title: 'role_assignment -> a2c_openstack_role_assignment named by the role',
      files: tasks('- name: Grant admin to glance\n  openstack.cloud.role_assignment:\n    cloud: default\n    user: glance\n    role: admin\n    project: service\n'),
      expected: [
        '# tasks/main.yml:1 Grant admin to glance',
        "a2c_openstack_role_assignment 'admin' do",
        "  cloud 'default'",
        "  user 'glance'",
        "  project 'service'",
        'end',
      ].join('\n'),
    },
    {
      title: 'system scope stays a TODO',
      files: tasks('- name: System reader\n  openstack.cloud.role_assignment:\n    cloud: default\n    user: mon\n    role: reader\n    system: all\n'),
      expected: todo('A2C-TODO-PARAM', "argument 'system' of openstack.cloud.role_assignment: system-scoped role assignments are not converted", 'tasks/main.yml:1 System reader', '- name: System reader\n  openstack.cloud.role_assignment:\n    cloud: default\n    user: mon\n    role: reader\n    system: all\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'community.general.capabilities': [
    {
      title: 'capabilities -> a2c_capability named by the path',
      files: tasks('- name: Node exporter can read anything\n  capabilities:\n    path: /usr/local/bin/node_exporter\n    capability: cap_dac_read_search+ep\n    state: present\n'),
      expected: "# tasks/main.yml:1 Node exporter can read anything\na2c_capability '/usr/local/bin/node_exporter' do\n  capability 'cap_dac_read_search+ep'\n  state 'present'\nend",
    },
  ],
  'ansible.builtin.pause': [
    {
      title: 'pause minutes -> chef_sleep seconds',
      files: tasks('- name: Let the cluster settle\n  pause:\n    minutes: 2\n'),
      expected: "# tasks/main.yml:1 Let the cluster settle\nchef_sleep 'Let the cluster settle' do\n  seconds 120\nend",
    },
    {
      title: 'pause with a prompt waits for a person: a TODO',
      files: tasks('- name: Confirm\n  pause:\n    prompt: Continue?\n'),
      expected: todo('A2C-TODO-PARAM', "pause argument 'prompt': a prompt waits for a person at the controller; not converted", 'tasks/main.yml:1 Confirm', '- name: Confirm\n  pause:\n    prompt: Continue?\n'),
      codes: ['A2C-TODO-PARAM'],
    },
  ],
  'ansible.builtin.slurp': [
    {
      title: 'slurp with register -> a ruby_block reads the file into node.run_state; ignore_errors kept',
      files: tasks('- name: Read the CA\n  slurp:\n    src: /etc/pki/ca.crt\n  register: ca\n  ignore_errors: true\n  changed_when: false\n'),
      expected: [
        '# tasks/main.yml:1 Read the CA',
        "# registers 'ca' for later tasks (node.run_state)",
        "ruby_block 'Read the CA' do",
        '  block do',
        "    A2C::Tasks.register_slurp(node.run_state, 'ca', '/etc/pki/ca.crt', ignore_errors: true)",
        '  end',
        'end',
      ].join('\n'),
    },
    {
      title: 'slurp without register only fails on an unreadable file: a TODO',
      files: tasks('- name: Read it\n  slurp:\n    path: /etc/motd\n'),
      expected: todo('A2C-TODO-MODULE', 'slurp without register only fails on an unreadable file; not converted', 'tasks/main.yml:1 Read it', '- name: Read it\n  slurp:\n    path: /etc/motd\n'),
      codes: ['A2C-TODO-MODULE'],
    },
  ],
  'ansible.builtin.include_vars': [
    {
      title: 'static vars file -> attributes, a comment in the recipe',
      files: tasks('- name: Load the OS vars\n  include_vars: debian.yml\n', { 'vars/debian.yml': 'pkg_name: nginx-full\n' }),
      expected: '# include_vars debian.yml: its variables are override attributes in attributes/default.rb',
    },
  ],
  'ansible.builtin.meta': [
    {
      title: 'flush_handlers is reported, nothing printed',
      files: tasks('- meta: flush_handlers\n'),
      expected: '',
      codes: [],
    },
  ],
  'ansible.builtin.include_tasks': [
    {
      title: 'include_tasks -> include_recipe of that file',
      files: tasks('- name: Configure TLS\n  include_tasks: tls.yml\n', { 'tasks/tls.yml': '- name: Trust\n  command: update-ca-certificates\n' }),
      expected: "# tasks/main.yml:1 Configure TLS\ninclude_recipe 'demo::tls'",
    },
  ],
  'ansible.builtin.import_tasks': [
    {
      title: 'import_tasks -> include_recipe, guarded by when',
      files: tasks('- import_tasks: tls.yml\n  when: tls_enabled | bool\n', { 'tasks/tls.yml': '- name: Trust\n  command: update-ca-certificates\n' }),
      expected: "if A2C::Jinja.truthy(A2C::Jinja.bool(A2C::Jinja.input(node, 'ansible', 'tls_enabled')))\n  # tasks/main.yml:1\n  include_recipe 'demo::tls'\nend",
    },
  ],
  'ansible.builtin.include': [
    {
      // ansible-core 2.14's deprecated bare include: a literal name is static (import_tasks' lookup).
      title: 'include of a literal file -> include_recipe of that file',
      files: tasks('- include: tls.yml\n', { 'tasks/tls.yml': '- name: Trust\n  command: update-ca-certificates\n' }),
      expected: "# tasks/main.yml:1\ninclude_recipe 'demo::tls'",
    },
  ],
  'ansible.builtin.include_role': [
    {
      title: 'include_role -> include_recipe of its cookbook',
      files: tasks('- name: Common setup\n  include_role:\n    name: common\n'),
      // The role is not part of this input: an error and a TODO, as a missing meta dependency is
      // (the include with the role present: test/include-role-missing.test.ts).
      expected: '# TODO(ansible2chef): A2C-MISSING-ROLE role common not found in the input\n# tasks/main.yml:1 Common setup\n#   - name: Common setup\n#     include_role:\n#       name: common',
      codes: ['A2C-MISSING-ROLE'],
    },
  ],
  'ansible.builtin.import_role': [
    {
      title: 'import_role tasks_from -> that recipe',
      files: tasks('- import_role:\n    name: pki\n    tasks_from: create_ca.yml\n'),
      expected: '# TODO(ansible2chef): A2C-MISSING-ROLE role pki not found in the input\n# tasks/main.yml:1\n#   - import_role:\n#       name: pki\n#       tasks_from: create_ca.yml',
      codes: ['A2C-MISSING-ROLE'],
    },
  ],
};

/** Task keywords applied to a resource, checked on one module so the module cases stay small. */
export const KEYWORD_CASES: ModuleCase[] = [
  {
    title: 'when -> only_if',
    files: tasks('- name: Install nginx\n  package:\n    name: nginx\n  when: ansible_os_family == "Debian"\n'),
    expected: "# tasks/main.yml:1 Install nginx\npackage 'nginx' do\n  only_if { platform_family?('debian') }\nend",
  },
  {
    title: 'loop -> each',
    files: tasks('- name: Install tools\n  package:\n    name: "{{ item }}"\n  loop:\n    - curl\n    - jq\n'),
    expected: "%w(curl jq).each do |item|\n  # tasks/main.yml:1 Install tools\n  package item\nend",
  },
  {
    title: 'with_items -> each over the list (a literal list without nested lists needs no flatten)',
    files: tasks('- name: Create dirs\n  file:\n    path: "{{ item }}"\n    state: directory\n  with_items:\n    - /srv/a\n    - /srv/b\n'),
    expected: [
      "['/srv/a', '/srv/b'].each do |item|",
      '  # tasks/main.yml:1 Create dirs',
      '  directory item do',
      '    recursive true',
      '  end',
      'end',
    ].join('\n'),
  },
  {
    title: 'notify -> notifies the handler resource, which has action :nothing',
    files: tasks('- name: Write nginx.conf\n  copy:\n    content: "events {}\\n"\n    dest: /etc/nginx/nginx.conf\n  notify: restart nginx\n', HANDLERS),
    expected: [
      '# tasks/main.yml:1 Write nginx.conf',
      "file '/etc/nginx/nginx.conf' do",
      '  content "events {}\\n"',
      "  notifies :restart, 'service[nginx]', :delayed",
      'end',
    ].join('\n'),
  },
  {
    // Ansible's apt reports `changed` from the package alone when a package is named (the cache
    // refresh does not count), so only the package may notify; else every cache refresh restarts.
    title: 'notify on apt with update_cache comes from the package, not the apt_update',
    files: tasks('- name: Install nginx\n  apt:\n    name: nginx\n    update_cache: yes\n  notify: restart nginx\n', HANDLERS),
    expected: [
      '# tasks/main.yml:1 Install nginx',
      "apt_update 'apt cache' do",
      '  action :update',
      'end',
      '',
      '# tasks/main.yml:1 Install nginx',
      "apt_package 'nginx' do",
      "  notifies :restart, 'service[nginx]', :delayed",
      'end',
    ].join('\n'),
  },
  {
    title: 'no_log -> sensitive, ignore_errors -> ignore_failure',
    files: tasks('- name: Fetch the token\n  command: /usr/local/bin/get-token\n  no_log: true\n  ignore_errors: yes\n'),
    expected: [
      '# tasks/main.yml:1 Fetch the token',
      "execute 'Fetch the token' do",
      "  command ['/usr/local/bin/get-token']",
      '  sensitive true',
      '  ignore_failure true',
      'end',
    ].join('\n'),
  },
  {
    title: 'until <register> is success + retries/delay -> retries/retry_delay',
    files: tasks('- name: Fetch the token\n  command: /usr/local/bin/get-token\n  register: token\n  until: token is success\n  retries: 5\n  delay: 10\n'),
    expected: [
      '# tasks/main.yml:1 Fetch the token',
      "# registers 'token' for later tasks (node.run_state)",
      "ruby_block 'Fetch the token' do",
      '  block do',
      "    A2C::Tasks.register_command(node.run_state, 'token', ['/usr/local/bin/get-token'])",
      '  end',
      '  retries 5',
      '  retry_delay 10',
      'end',
    ].join('\n'),
  },
];

/** The handler recipe the notify case must produce. */
// A handler that only restarts a service is the service resource itself (service-handlers.ts).
export const HANDLER_RECIPE = "# handlers/main.yml:1 restart nginx\nservice 'nginx' do\n  action :nothing\nend";
