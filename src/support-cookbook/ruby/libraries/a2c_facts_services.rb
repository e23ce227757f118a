# frozen_string_literal: true

# ansible.builtin.service_facts (ansible-core 2.14) on Linux: the `services` fact, read from the
# same commands and by the same rules as the module, at converge time where the task runs. The
# sysv listing (`service --status-all`) where neither chkconfig nor rc-status exists, then systemd's
# units and unit files where PID 1 is systemd, a later source overriding an earlier one's entry.
# Upstart, chkconfig and OpenRC hosts fail the run: their listings are not reproduced here.
module A2C
  module Facts
    SERVICE_BAD_STATES = %w(not-found masked failed).freeze

    # run: (command line) -> [status, stdout]; bin: (name) -> path or nil; systemd: PID 1 is systemd.
    def self.services(run: method(:service_command), bin: method(:service_bin), systemd: systemd_pid1?)
      out = {}
      service = bin.call('service')
      chkconfig = bin.call('chkconfig')
      rc_status = bin.call('rc-status')
      raise NotImplementedError, 'service_facts: chkconfig (RedHat SysV) hosts are not converted' if chkconfig
      raise NotImplementedError, 'service_facts: upstart (initctl) hosts are not converted' if bin.call('initctl')
      raise NotImplementedError, 'service_facts: OpenRC hosts are not converted' if rc_status && bin.call('rc-update')

      sysv_services(run, service, out) if service && rc_status.nil?
      systemd_services(run, bin.call('systemctl'), out) if systemd
      out
    end

    # `service --status-all`: `[ + ]  name` is running, `[ - ]  name` stopped.
    def self.sysv_services(run, service, out)
      status, stdout = run.call("#{service} --status-all")
      return if status == 4 && !File.exist?('/etc/init.d')

      stdout.scan(/^\s*\[ ([+-]) \]\s+(.+)$/) do |state, name|
        out[name] = { 'name' => name, 'state' => state == '+' ? 'running' : 'stopped', 'source' => 'sysv' }
      end
    end

    def self.systemd_services(run, systemctl, out)
      return unless systemctl

      status, stdout = run.call("#{systemctl} list-units --no-pager --type service --all")
      if status.zero?
        stdout.split("\n").select { |l| l.include?('.service') }.each do |line|
          fields = line.split
          bad = SERVICE_BAD_STATES.find { |b| fields.include?(b) }
          fields = fields.drop(1) if bad
          name = fields[0]
          out[name] = { 'name' => name, 'state' => fields[3] == 'running' ? 'running' : 'stopped',
                        'status' => bad || fields[2], 'source' => 'systemd' }
        end
      end
      status, stdout = run.call("#{systemctl} list-unit-files --no-pager --type service --all")
      return unless status.zero?

      stdout.split("\n").select { |l| l.include?('.service') }.each do |line|
        name, unit_status = line.split[0, 2]
        if out.key?(name)
          out[name]['status'] = unit_status unless SERVICE_BAD_STATES.include?(out[name]['status'])
          next
        end
        status, shown = run.call("#{systemctl} show #{name} --property=ActiveState")
        state = status.zero? && shown != '' ? shown.sub('ActiveState=', '').rstrip : 'unknown'
        out[name] = { 'name' => name, 'state' => state, 'status' => unit_status, 'source' => 'systemd' }
      end
    end

    def self.systemd_pid1?
      File.readlines('/proc/1/comm').any? { |l| l.include?('systemd') }
    rescue SystemCallError
      false
    end

    # AnsibleModule.get_bin_path without required: PATH, then the sbin folders.
    def self.service_bin(name)
      dirs = ENV.fetch('PATH', '').split(':') + %w(/sbin /usr/sbin /usr/local/sbin)
      dirs.map { |d| File.join(d, name) }.find { |f| File.file?(f) && File.executable?(f) }
    end

    # run_command under the C locale the module picks (its best parsable one: C.UTF-8 where present).
    def self.service_command(line)
      require 'open3'
      stdout, _err, st = Open3.capture3({ 'LANG' => 'C.UTF-8', 'LC_ALL' => 'C.UTF-8' }, line)
      [st.exitstatus, stdout]
    end

    # The task: the fact stored where later reads find it; none found leaves it unset, as the
    # module then returns no facts (skipped).
    def self.register_services(run_state, name)
      found = services
      A2C::Tasks.store(run_state, name, found) unless found.empty?
    end
  end
end
