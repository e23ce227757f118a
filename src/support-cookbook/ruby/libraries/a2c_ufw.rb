# frozen_string_literal: true

# community.general.ufw (6.6) through the ufw command line, with the module's steps: the commands for
# state, default, rule and logging (in that order, each only when given) built word by word as the
# module builds them, then "changed" decided as the module decides it without check mode: reload and
# reset always change, anything else changes when `ufw status verbose` or the rule tuples of the user
# rules files differ before and after. A dry run (why-run) runs nothing that writes: it compares the
# status for state, default and logging as the module's check mode does, and counts a rule as a change
# unless `ufw --dry-run` skips it (the module compares the dry run's rule tuples instead).
require 'shellwords'
require 'open3'
require_relative 'a2c_bin_path'

module A2C
  module Ufw
    class Error < StandardError; end

    CHOICES = {
      state: %w(enabled disabled reloaded reset),
      default: %w(allow deny reject),
      logging: %w(full high low medium off on),
      direction: %w(in incoming out outgoing routed),
      insert_relative_to: %w(zero first-ipv4 last-ipv4 first-ipv6 last-ipv6),
      rule: %w(allow deny limit reject),
      proto: %w(ah any esp ipv6 tcp udp gre igmp),
    }.freeze
    STATES = { 'enabled' => 'enable', 'disabled' => 'disable', 'reloaded' => 'reload', 'reset' => 'reset' }.freeze
    USER_RULES = %w(/lib/ufw/user.rules /lib/ufw/user6.rules /etc/ufw/user.rules /etc/ufw/user6.rules
                    /var/lib/ufw/user.rules /var/lib/ufw/user6.rules).freeze
    DEFAULTS = { delete: false, route: false, insert_relative_to: 'zero', log: false, from_ip: 'any', to_ip: 'any' }.freeze

    module_function

    # { 'changed' => ..., 'commands' => [...] } after the module's steps for `params` (the module's
    # argument names, nil where not given).
    def manage(params, dry_run: false)
      p = DEFAULTS.merge(params.compact)
      validate(p)
      run = Run.new(A2C::BinPath.find('ufw', Error), A2C::BinPath.find('grep', Error), dry_run)
      run.apply(p)
    end

    def validate(p)
      CHOICES.each do |key, allowed|
        next if p[key].nil? || allowed.include?(p[key])

        raise Error, "value of #{key} must be one of: #{allowed.join(', ')}, got: #{p[key]}"
      end
      given = %i(name proto logging).reject { |k| p[k].nil? }
      raise Error, "parameters are mutually exclusive: #{given.join('|')}" if given.length > 1
      %i(interface_in interface_out).each do |k|
        raise Error, "parameters are mutually exclusive: direction|#{k}" if p[:direction] && p[k]
      end
      raise Error, 'one of the following is required: state, default, rule, logging' if %i(state default rule logging).all? { |k| p[k].nil? }
      raise Error, "missing parameter(s) required by 'interface': direction" if p[:interface] && p[:direction].nil?
    end

    # One task's run: the commands it ran, in the module's words.
    class Run
      attr_reader :commands

      def initialize(ufw, grep, dry_run)
        @ufw = ufw
        @grep = grep
        @dry_run = dry_run
        @commands = []
      end

      def apply(p)
        pre_state = execute([@ufw, 'status verbose'])
        pre_rules = current_rules
        changed = false
        %i(state default rule logging).each do |command|
          value = p[command]
          next if value.nil? || value == ''

          base = [@ufw, @dry_run ? '--dry-run' : nil]
          changed = send(:"step_#{command}", base, value, p, pre_state) || changed
        end
        return { 'changed' => changed, 'commands' => @commands } if @dry_run

        post_state = execute([@ufw, 'status', 'verbose'])
        unless changed
          post_rules = current_rules
          changed = pre_state != post_state || pre_rules != post_rules
        end
        { 'changed' => changed, 'commands' => @commands }
      end

      # The module joins the given words with spaces and runs the line split as a shell would (shlex).
      def execute(words, ignore_error: false)
        line = words.reject { |w| w.nil? || w == false || w == '' }.join(' ')
        @commands << line
        out, err, status = Open3.capture3({ 'LANG' => 'C' }, *Shellwords.split(line))
        raise Error, (err.empty? ? out : err) if !status.success? && !ignore_error

        out
      end

      def current_rules
        execute([@grep, '-h', "'^### tuple'", *USER_RULES], ignore_error: true)
      end

      def step_state(base, value, _p, pre_state)
        changed = %w(reloaded reset).include?(value)
        if @dry_run
          active = pre_state.include?(' active')
          changed ||= (value == 'disabled' && active) || (value == 'enabled' && !active)
        else
          execute(base + ['-f', STATES.fetch(value)])
        end
        changed
      end

      def step_logging(base, value, _p, pre_state)
        m = pre_state.match(/Logging: (on|off)(?: \(([a-z]+)\))?/)
        changed =
          if m.nil?
            true
          elsif value == 'off'
            m[1] != 'off'
          else
            m[1] == 'off' || (value != 'on' && value != m[2])
          end
        execute(base + ['logging', value]) unless @dry_run
        changed
      end

      def step_default(base, value, p, pre_state)
        unless [nil, 'outgoing', 'incoming', 'routed'].include?(p[:direction])
          raise Error, 'For default, direction must be one of "outgoing", "incoming" and "routed", or direction must not be specified.'
        end
        unless @dry_run
          execute(base + ['default', value, p[:direction]])
          return false
        end

        m = pre_state.match(/Default: (deny|allow|reject) \(incoming\), (deny|allow|reject) \(outgoing\), (deny|allow|reject|disabled) \(routed\)/)
        return true if m.nil?

        current = { 'incoming' => m[1], 'outgoing' => m[2], 'routed' => m[3] }[p[:direction] || 'incoming']
        ![value, 'disabled'].include?(current)
      end

      def step_rule(base, value, p, _pre_state)
        raise Error, 'For rules, direction must be one of "in" and "out", or direction must not be specified.' unless [nil, 'in', 'out'].include?(p[:direction])
        raise Error, 'Only route rules can combine interface_in and interface_out' if !p[:route] && p[:interface_in] && p[:interface_out]

        words = base + [p[:route] ? 'route' : nil, p[:delete] ? 'delete' : nil]
        if !p[:insert].nil? && !p[:delete]
          at = insert_position(p[:insert], p[:insert_relative_to])
          words << "insert #{at}" unless at.nil?
        end
        words += [value, p[:direction]]
        words += [[:interface, 'on %s'], [:interface_in, 'in on %s'], [:interface_out, 'out on %s']].map { |k, f| given(p[k]) ? format(f, p[k]) : nil }
        words << (p[:log] ? 'log' : nil)
        words += [[:from_ip, 'from %s'], [:from_port, 'port %s'], [:to_ip, 'to %s'], [:to_port, 'port %s'], [:proto, 'proto %s'], [:name, "app '%s'"]]
                 .map { |k, f| given(p[k]) ? format(f, p[k]) : nil }
        # The module asks for the version on every rule, comment or not.
        words << "comment '#{p[:comment]}'" if comment_supported? && given(p[:comment])
        out = execute(words)
        return false unless @dry_run

        lines = out.lines
        skipped = lines.count { |l| l.include?('Skipping') }
        !(skipped.positive? && skipped == lines.length)
      end

      def given(value)
        !(value.nil? || value == '' || value == false)
      end

      # ufw refuses an insert past its last rule: the module then appends (no insert word).
      def insert_position(insert, relative)
        return insert if relative == 'zero'

        out, = Open3.capture3({ 'LANG' => 'C' }, @ufw, 'status', 'numbered')
        rules = out.lines.filter_map { |l| (m = l.match(/\A\[ *([0-9]+)\] /)) && [m[1].to_i, l.include?('(v6)')] }
        last = rules.map(&:first).max || 0
        v4 = rules.reject(&:last).map(&:first)
        base =
          case relative
          when 'first-ipv4' then 1
          when 'last-ipv4' then v4.empty? ? 1 : v4.max
          when 'first-ipv6' then v4.empty? ? 1 : v4.max + 1
          else rules.any?(&:last) ? last : last + 1
          end
        at = insert + base
        at > last ? nil : at
      end

      # The module reads the version with a greedy pattern (`ufw 0.36.2` reads as 6.2) and passes a
      # comment to ufw 0.35 and later only.
      def comment_supported?
        line = execute([@ufw, '--version']).lines.map(&:strip).reject(&:empty?).first
        m = line&.match(/\Aufw.+(\d+)\.(\d+)(?:\.(\d+))?.*\z/)
        raise Error, 'Failed to get ufw version.' if m.nil?

        major = m[1].to_i
        minor = m[2].to_i
        (major.zero? && minor >= 35) || major.positive?
      end
    end
  end
end
