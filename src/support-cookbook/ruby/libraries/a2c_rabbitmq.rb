# frozen_string_literal: true

require 'json'

# community.rabbitmq's rabbitmq_vhost, rabbitmq_user, rabbitmq_policy and rabbitmq_plugin, driven through
# the broker's own `rabbitmqctl` / `rabbitmq-plugins` with the modules' semantics: the current state is
# listed first, only what differs is changed, and `changed` says whether anything was. Written for
# RabbitMQ 3.7.9 and later (JSON listings); every Debian and Ubuntu release in support ships one.
module A2C
  module RabbitMQ
    class Error < StandardError; end

    # Runs rabbitmqctl / rabbitmq-plugins (found on PATH, or under prefix/bin or prefix/sbin).
    # dry_run: listings run, changes are only counted (Chef's why-run, and the preview that decides
    # whether the resource converges at all).
    class Ctl
      READS = %w(list_vhosts list_users list_user_permissions list_user_topic_permissions list_policies authenticate_user list).freeze

      attr_reader :writes

      def initialize(node: 'rabbit', prefix: nil, dry_run: false)
        @node = node
        @prefix = prefix
        @dry_run = dry_run
        @writes = 0
      end

      # rabbitmqctl -q [-n node] args...; its stdout, or an Error naming what failed.
      def ctl(*args, check: true)
        return skipped(check) if write?(args)

        argv = [tool('rabbitmqctl'), '-q']
        argv.push('-n', @node) unless @node.nil? || @node.empty?
        run(argv + args, check)
      end

      def dry_run?
        @dry_run
      end

      def ctl_json(*args)
        JSON.parse(ctl(*args, '--formatter', 'json'))
      end

      def plugins(*args)
        return skipped(true) if write?(args)

        run([tool('rabbitmq-plugins')] + args, true)
      end

      private

      def write?(args)
        return false unless @dry_run && !READS.include?(args.first)

        @writes += 1
        true
      end

      def skipped(check)
        check ? '' : [true, '']
      end

      def tool(name)
        return name if @prefix.nil? || @prefix.empty?

        dir = %w(bin sbin).map { |d| ::File.join(@prefix, d) }.find { |d| ::File.directory?(d) }
        raise Error, "No binary folder in prefix #{@prefix}" if dir.nil?

        ::File.join(dir, name)
      end

      def run(argv, check)
        require 'open3'
        out, err, status = Open3.capture3(*argv)
        raise Error, "#{argv[0]} exited with non-zero code: #{err.strip.empty? ? out.strip : err.strip}" if check && !status.success?

        check ? out : [status.success?, out]
      end
    end

    # --- rabbitmq_vhost --------------------------------------------------------------------------

    def self.vhost(ctl, name:, state: 'present', tracing: false)
      current = ctl.ctl('list_vhosts', 'name', 'tracing').lines.map { |l| l.chomp.split("\t") }
                   .find { |n, t| !t.nil? && n == name }
      if current
        return changed(true) { ctl.ctl('delete_vhost', name) } if state == 'absent'

        traced = current[1] == 'true'
        return changed(false) if traced == tracing

        ctl.ctl(tracing ? 'trace_on' : 'trace_off', '-p', name)
        return changed(true)
      end
      return changed(false) unless state == 'present'

      ctl.ctl('add_vhost', name)
      ctl.ctl('trace_on', '-p', name) if tracing
      changed(true)
    end

    def self.changed(flag)
      yield if flag && block_given?
      { 'changed' => flag }
    end

    # --- rabbitmq_user ---------------------------------------------------------------------------

    PERMISSION_KEYS = %w(vhost configure write read).freeze

    # A permission entry as the module compares it (configure_priv... renamed as newer brokers list them).
    def self.normalize_permission(perm)
      perm = perm.transform_keys(&:to_s)
      return perm unless perm.key?('configure_priv')

      { 'configure' => perm['configure_priv'], 'read' => perm['read_priv'], 'write' => perm['write_priv'], 'vhost' => perm['vhost'] }
    end

    def self.permission_map(list)
      list.map { |p| normalize_permission(p) }.to_h { |p| [p['vhost'], p] }
    end

    # The user, its tags and its permissions (all of them with `permissions`, else the one vhost's).
    def self.user(ctl, user:, password: nil, tags: nil, permissions: [], vhost: '/', configure_priv: '^$',
                  write_priv: '^$', read_priv: '^$', force: false, state: 'present', update_password: 'on_create')
      permissions = Array(permissions).map { |p| p.to_h.transform_keys(&:to_s) }
      bulk = !permissions.empty?
      if bulk
        vhosts = permissions.map { |p| p.fetch('vhost', '/') }
        raise Error, "Error parsing vhost permissions: You can't have two permission dicts for the same vhost" if vhosts.uniq.length != vhosts.length
      else
        permissions = [{ 'vhost' => vhost, 'configure_priv' => configure_priv, 'write_priv' => write_priv, 'read_priv' => read_priv }]
      end
      if permissions.any? { |p| p['vhost'].nil? || p['vhost'] == '' }
        raise Error, "Error parsing vhost permissions: You can'thave an empty vhost when setting permissions"
      end

      wanted = permission_map(permissions)
      wanted_tags = tags.nil? || tags == '' ? [] : tags.to_s.delete(' ').split(',', -1)
      pw = password.to_s
      read = lambda do
        users = ctl.ctl_json('list_users').to_h { |u| [u['user'], u['tags']] }
        next nil unless users.key?(user)

        have = permission_map(ctl.ctl_json('list_user_permissions', user))
        have = { wanted.keys.first => have.fetch(wanted.keys.first, {}) } unless bulk
        { tags: Array(users[user]), perms: have, topics: ctl.ctl_json('list_user_topic_permissions', user) }
      end
      current = read.call
      result = { 'user' => user, 'state' => state, 'changed' => false }
      if current.nil?
        return result unless state == 'present'

        add_user(ctl, user, pw)
        ctl.ctl('set_user_tags', user, *wanted_tags)
        set_permissions(ctl, user, wanted, {})
        return result.merge('changed' => true)
      end
      if state == 'absent'
        ctl.ctl('delete_user', user)
        return result.merge('changed' => true)
      end
      if force
        ctl.ctl('delete_user', user)
        add_user(ctl, user, pw)
        current = read.call
        result['changed'] = true
      elsif update_password == 'always'
        ok, = ctl.ctl('authenticate_user', user, pw, check: false)
        unless ok
          pw.empty? ? ctl.ctl('clear_password', user) : ctl.ctl('change_password', user, pw)
          result['changed'] = true
        end
      end
      if wanted_tags.sort.uniq != current[:tags].map(&:to_s).sort.uniq
        ctl.ctl('set_user_tags', user, *wanted_tags)
        result['changed'] = true
      end
      if current[:perms] != wanted
        set_permissions(ctl, user, wanted, current[:perms])
        result['changed'] = true
      end
      # The module clears topic permissions nobody asked for (topic_permissions itself is not converted).
      current[:topics].each do |t|
        ctl.ctl('clear_topic_permissions', '-p', t['vhost'], user, t['exchange'])
        result['changed'] = true
      end
      result
    end

    def self.add_user(ctl, user, password)
      ctl.ctl('add_user', user, password)
      ctl.ctl('clear_password', user) if password.empty?
    end

    def self.set_permissions(ctl, user, wanted, have)
      (have.keys - wanted.keys).each { |vh| ctl.ctl('clear_permissions', '-p', vh, user) }
      wanted.each do |vh, perm|
        next if have[vh] == perm

        ctl.ctl('set_permissions', '-p', vh, user, perm['configure'].to_s, perm['write'].to_s, perm['read'].to_s)
      end
    end

    # --- rabbitmq_policy -------------------------------------------------------------------------

    def self.policy(ctl, name:, vhost: '/', pattern: nil, apply_to: 'all', tags: nil, priority: '0', state: 'present')
      policies = ctl.ctl('list_policies', '-p', vhost).lines.drop(1).map { |l| l.chomp.split("\t") }.reject(&:empty?)
      if state == 'absent'
        return changed(false) unless policies.any? { |f| f[1] == name }

        ctl.ctl('clear_policy', '-p', vhost, name)
        return changed(true)
      end
      raise Error, 'pattern and tags are required for state=present' if pattern.nil? || tags.nil?

      priority = priority.to_s
      same = policies.any? do |f|
        f[1] == name && f[3] == apply_to && definition(f[4]) == tags && f[5] == priority && f[2].to_s.gsub('\\\\', '\\') == pattern
      end
      return changed(false) if same

      args = ['set_policy', '-p', vhost, name, pattern, JSON.generate(tags), '--priority', priority]
      args.push('--apply-to', apply_to) unless apply_to == 'all'
      ctl.ctl(*args)
      changed(true)
    end

    # A listed policy definition: JSON when it parses, else the text (as the module compares it).
    def self.definition(text)
      JSON.parse(text.to_s)
    rescue JSON::ParserError
      text
    end

    # --- rabbitmq_plugin -------------------------------------------------------------------------

    # names: comma-separated. state enabled without new_only also disables every other explicitly
    # enabled plugin, as the module does.
    def self.plugin(ctl, names:, state: 'enabled', new_only: false, broker_state: 'online', prefix: nil)
      ctl = Ctl.new(prefix: prefix, dry_run: ctl.dry_run?) unless prefix.nil?
      names = names.to_s.split(',', -1)
      enabled_now = []
      ctl.plugins('list', '-E', '-m').lines.map(&:chomp).each do |line|
        break if line.empty?

        enabled_now << line
      end
      enabled = []
      disabled = []
      if state == 'enabled'
        unless new_only
          enabled_now.each do |p|
            next if p.include?(' ') || names.include?(p)

            ctl.plugins('disable', "--#{broker_state}", p)
            disabled << p
          end
        end
        names.each do |n|
          next if enabled_now.include?(n)

          ctl.plugins('enable', "--#{broker_state}", n)
          enabled << n
        end
      else
        enabled_now.each do |p|
          next unless names.include?(p)

          ctl.plugins('disable', "--#{broker_state}", p)
          disabled << p
        end
      end
      { 'changed' => !(enabled.empty? && disabled.empty?), 'enabled' => enabled, 'disabled' => disabled }
    end
  end
end
