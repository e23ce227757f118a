# frozen_string_literal: true

require 'json'

# openstack.cloud's identity modules (identity_domain, project, identity_user, identity_group,
# identity_role, role_assignment; semantics of collection 1.10), driven through the `openstack` command
# line (python-openstackclient) instead of openstacksdk: the current state is listed first
# (`list -f json`), only what differs is created, set or deleted, and `changed` says whether anything was.
# Names are resolved to IDs as the modules resolve them (an ID or a name matches; a domain nobody
# finds is passed on as written, as the modules pass it).
module A2C
  module OpenStack
    class Error < StandardError; end

    # Runs `openstack` with the modules' connection arguments: cloud (OS_CLOUD, a clouds.yaml entry),
    # auth (OS_<KEY> variables, as keystoneauth names them), interface, region, TLS options.
    # dry_run: listings run, changes are only counted (Chef's why-run, and the preview that decides
    # whether the resource converges at all).
    class Cli
      READS = %w(list show).freeze

      attr_reader :writes

      def initialize(cloud: nil, auth: nil, auth_type: nil, region_name: nil, interface: 'public',
                     validate_certs: nil, ca_cert: nil, client_cert: nil, client_key: nil, dry_run: false)
        @env = {}
        @env['OS_CLOUD'] = cloud.to_s unless cloud.nil? || cloud.to_s.empty?
        (auth || {}).each { |k, v| @env["OS_#{k.to_s.upcase}"] = v.to_s unless v.nil? }
        @global = []
        @global.push('--os-auth-type', auth_type) unless auth_type.nil?
        @global.push('--os-region-name', region_name) unless region_name.nil?
        @global.push('--os-interface', interface) unless interface.nil?
        @global << '--insecure' if validate_certs == false
        @global.push('--os-cacert', ca_cert) unless ca_cert.nil?
        @global.push('--os-cert', client_cert) unless client_cert.nil?
        @global.push('--os-key', client_key) unless client_key.nil?
        @dry_run = dry_run
        @writes = 0
      end

      def dry_run?
        @dry_run
      end

      # `openstack <object words...> list ... -f json`, parsed.
      def list(*args)
        JSON.parse(run(args + ['-f', 'json']))
      end

      # A create / set / delete / add / remove: run, or only counted in dry-run.
      def write(*args)
        if @dry_run
          @writes += 1
          return ''
        end
        run(args)
      end

      private

      def run(args)
        require 'open3'
        argv = ['openstack'] + @global + args
        out, err, status = Open3.capture3(@env, *argv)
        raise Error, "openstack #{args.take(3).join(' ')} failed: #{err.strip.empty? ? out.strip : err.strip}" unless status.success?

        out
      end
    end

    # The one row whose ID is `ref`, else the one whose Name is; nil when none, an Error when the name
    # is ambiguous (as openstacksdk's find_* and get_* answer).
    def self.find(rows, ref, what)
      return if ref.nil?

      by_id = rows.find { |r| r['ID'] == ref }
      return by_id if by_id

      named = rows.select { |r| r['Name'] == ref }
      raise Error, "Multiple matches found for #{what} #{ref}" if named.length > 1

      named.first
    end

    def self.domain_row(cli, ref)
      find(cli.list('domain', 'list'), ref, 'domain')
    end

    # A domain given by ID or name becomes its ID; one nobody can list is passed on as written.
    def self.domain_id(cli, ref)
      return if ref.nil? || ref.to_s.empty?

      row = domain_row(cli, ref)
      row ? row['ID'] : ref
    end

    def self.scoped(args, domain_id)
      domain_id.nil? ? args : args + ['--domain', domain_id]
    end

    def self.enable_flag(enabled)
      enabled ? '--enable' : '--disable'
    end

    def self.result(changed, extra = {})
      { 'changed' => changed }.merge(extra)
    end

    # --- identity_domain -------------------------------------------------------------------------

    def self.domain(cli, name:, description: nil, enabled: true, state: 'present')
      rows = cli.list('domain', 'list').select { |r| r['Name'] == name }
      raise Error, "Domain name #{name} is not unique" if rows.length > 1

      current = rows.first
      if state == 'absent'
        return result(false) if current.nil?

        # Keystone deletes only disabled domains; the SDK disables the domain first, so does this.
        cli.write('domain', 'set', '--disable', current['ID']) if current['Enabled']
        cli.write('domain', 'delete', current['ID'])
        return result(true)
      end
      desc = description.nil? ? [] : ['--description', description]
      if current.nil?
        cli.write('domain', 'create', *desc, enable_flag(enabled), name)
        return result(true)
      end
      return result(false, 'id' => current['ID']) unless (!description.nil? && current['Description'].to_s != description) || current['Enabled'] != enabled

      cli.write('domain', 'set', *desc, enable_flag(enabled), current['ID'])
      result(true, 'id' => current['ID'])
    end

    # --- project ---------------------------------------------------------------------------------

    def self.project(cli, name:, description: nil, domain: nil, enabled: true, state: 'present')
      dom = domain_id(cli, domain)
      current = find(cli.list(*scoped(%w(project list --long), dom)), name, 'project')
      if state == 'absent'
        return result(false) if current.nil?

        cli.write('project', 'delete', current['ID'])
        return result(true)
      end
      desc = description.nil? ? [] : ['--description', description]
      if current.nil?
        cli.write(*scoped(%w(project create), dom), *desc, enable_flag(enabled), name)
        return result(true)
      end
      return result(false) unless (!description.nil? && current['Description'].to_s != description) || current['Enabled'] != enabled

      cli.write('project', 'set', *desc, enable_flag(enabled), current['ID'])
      result(true)
    end

    # --- identity_user ---------------------------------------------------------------------------

    # A supplied password always counts as a change with update_password always (Keystone never shows
    # it), as in the module.
    def self.user(cli, name:, password: nil, email: nil, default_project: nil, description: nil, domain: nil,
                  enabled: true, state: 'present', update_password: 'on_create')
      dom = domain_id(cli, domain)
      current = find(cli.list(*scoped(%w(user list --long), dom)), name, 'user')
      if state == 'absent'
        return result(false) if current.nil?

        cli.write('user', 'delete', current['ID'])
        return result(true)
      end
      project_id = nil
      if default_project && !default_project.empty?
        project = find(cli.list(*scoped(%w(project list), dom)), default_project, 'project')
        raise Error, "Default project #{default_project} is not valid" if project.nil?

        project_id = project['ID']
      end
      wanted = []
      wanted.push('--project', project_id) unless project_id.nil?
      wanted.push('--email', email) unless email.nil?
      wanted.push('--description', description) unless description.nil?
      wanted << enable_flag(enabled)
      if current.nil?
        pw = password.nil? || password.empty? ? [] : ['--password', password]
        cli.write(*scoped(%w(user create), dom), *wanted, *pw, name)
        return result(true)
      end
      if update_password == 'always'
        raise Error, 'update_password is always but a password value is missing' if password.nil? || password.empty?

        cli.write('user', 'set', *wanted, '--password', password, current['ID'])
        return result(true)
      end
      differs = (!project_id.nil? && current['Project'] != project_id) ||
                (!email.nil? && current['Email'].to_s != email) ||
                (!description.nil? && current['Description'].to_s != description) ||
                current['Enabled'] != enabled
      return result(false) unless differs

      cli.write('user', 'set', *wanted, current['ID'])
      result(true)
    end

    # --- identity_group --------------------------------------------------------------------------

    def self.group(cli, name:, description: nil, domain_id: nil, state: 'present')
      dom = domain_id.nil? || domain_id.empty? ? nil : domain_id
      current = find(cli.list(*scoped(%w(group list --long), dom)), name, 'group')
      if state == 'absent'
        return result(false) if current.nil?

        cli.write('group', 'delete', current['ID'])
        return result(true)
      end
      desc = description.nil? ? [] : ['--description', description]
      if current.nil?
        cli.write(*scoped(%w(group create), dom), *desc, name)
        return result(true)
      end
      return result(false) if description.nil? || current['Description'].to_s == description

      cli.write('group', 'set', *desc, current['ID'])
      result(true)
    end

    # --- identity_role ---------------------------------------------------------------------------

    def self.role(cli, name:, state: 'present')
      current = find(cli.list('role', 'list'), name, 'role')
      if state == 'absent'
        return result(false) if current.nil?

        cli.write('role', 'delete', current['ID'])
        return result(true)
      end
      return result(false) unless current.nil?

      cli.write('role', 'create', name)
      result(true)
    end

    # --- role_assignment -------------------------------------------------------------------------

    # The module looks the assignment up by role, user or group, and project only (a domain given
    # with no project narrows the name lookups, not the listing), then grants or revokes on the
    # project when one is given, else on the domain.
    def self.role_assignment(cli, role:, user: nil, group: nil, project: nil, domain: nil, state: 'present')
      raise Error, 'one of the following is required: user, group' if (user.nil? || user.empty?) && (group.nil? || group.empty?)

      r = find(cli.list('role', 'list'), role, 'role')
      raise Error, "Role #{role} is not valid" if r.nil?

      filters = ['--role', r['ID']]
      dom = nil
      if domain && !domain.empty?
        d = domain_row(cli, domain)
        raise Error, "Domain #{domain} is not valid" if d.nil?

        dom = d['ID']
      end
      target = {}
      { 'user' => user, 'group' => group, 'project' => project }.each do |kind, ref|
        next if ref.nil? || ref.empty?

        row = find(cli.list(*scoped([kind, 'list'], dom)), ref, kind)
        raise Error, "#{kind.capitalize} #{ref} is not valid" if row.nil?

        target[kind] = row['ID']
        filters.push("--#{kind}", row['ID'])
      end
      assigned = !cli.list('role', 'assignment', 'list', *filters).empty?
      return result(false) if assigned == (state == 'present')

      raise Error, 'Must specify either a domain or project' if !target.key?('project') && dom.nil?

      who = target.key?('user') ? ['--user', target['user']] : ['--group', target['group']]
      on = target.key?('project') ? ['--project', target['project']] : ['--domain', dom]
      cli.write('role', state == 'present' ? 'add' : 'remove', *who, *on, r['ID'])
      result(true)
    end
  end
end
