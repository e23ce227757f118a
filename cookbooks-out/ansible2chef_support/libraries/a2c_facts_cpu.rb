# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_cpu
#
# Ansible's processor_cores (cores of one socket) and processor_threads_per_core have no Ohai
# attribute (Ohai's cpu/cores counts every socket). They are computed here, on the node, from
# /proc/cpuinfo by the rules of ansible-core 2.14's Linux hardware collector, quirks included: the
# first socket's "cpu cores", the first "siblings" divided by it, Xen paravirtualised guests
# counted as one thread per core. Where that collector gives no value (another system than Linux,
# s390x, an unreadable /proc/cpuinfo) the fact is undefined in Ansible and the run fails here.
# test/jinja-to-ruby/facts-cpu.test.ts compares it with Ansible's collector on generated hosts.

module A2C
  module Facts
    # What the CPU facts look at on the host; replaced in tests to describe other hosts.
    module CpuHost
      module_function

      def exist?(path) = ::File.exist?(path)
      def readable?(path) = ::File.readable?(path)

      # The file's text, or nil when it cannot be read.
      def content(path)
        ::File.read(path)
      rescue SystemCallError
        nil
      end
    end

    # Ansible's get_file_lines: the stripped text split as Python's splitlines() splits it (the
    # ASCII separators), nothing for a missing, unreadable or blank file.
    def self.file_lines(host, path)
      return [] unless host.exist?(path) && host.readable?(path)

      text = python_strip(host.content(path) || '')
      text.empty? ? [] : text.split(/\r\n|[\n\r\v\f\x1c-\x1e]/)
    end

    def self.processor_cores(node, host = CpuHost)
      cpu_facts(node, host, 'processor_cores').fetch('processor_cores')
    end

    def self.processor_threads_per_core(node, host = CpuHost)
      cpu_facts(node, host, 'processor_threads_per_core').fetch('processor_threads_per_core')
    end

    def self.cpu_facts(node, host, fact)
      system = node.read!('kernel', 'name')
      undefined = ->(why) { raise ArgumentError, "ansible2chef: ansible_#{fact} is undefined in Ansible #{why}" }
      undefined.call("on #{system} (only its Linux collector is translated)") unless system == 'Linux'
      architecture = architecture(node)
      undefined.call('on s390x') if architecture == 's390x'
      undefined.call('when /proc/cpuinfo cannot be read') unless host.readable?('/proc/cpuinfo')
      cpu_facts_from(file_lines(host, '/proc/cpuinfo'), architecture, xen?(host))
    end

    def self.xen?(host)
      return true if host.exist?('/proc/xen')

      first = file_lines(host, '/sys/hypervisor/type').first
      !first.nil? && python_strip(first) == 'xen'
    end

    # The Linux collector's loop over /proc/cpuinfo, key for key. Keys of `sockets` and `cores`
    # are the text after the colon, as in Python; insertion order decides the "first" value.
    def self.cpu_facts_from(lines, architecture, xen)
      i = 0
      vendor_ids = model_names = processors = 0
      physid = 0
      coreid = 0
      sockets = {}
      cores = {}
      xen_paravirt = false
      facts = {}
      lines.each do |line|
        key, val = line.split(':', 2)
        key = python_strip(key || '')
        val = val.nil? ? '' : python_strip(val)
        xen_paravirt = true if xen && key == 'flags' && !val.include?('vme')
        case key
        when 'model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'
          vendor_ids += 1 if key == 'vendor_id'
          model_names += 1 if key == 'model name'
          processors += 1 if key == 'processor'
          i += 1
        when 'physical id'
          physid = val
          sockets[physid] = 1 unless sockets.key?(physid)
        when 'core id'
          coreid = val
          # Ansible looks the core id up among the sockets here, not among the cores.
          cores[coreid] = 1 unless sockets.key?(coreid)
        when 'cpu cores'
          sockets[physid] = python_int!(val)
        when 'siblings'
          cores[coreid] = python_int!(val)
        when '# processors'
          facts['processor_cores'] = python_int!(val)
        when 'ncpus active'
          i = python_int!(val)
        end
      end
      i = vendor_ids if vendor_ids.positive? && vendor_ids == model_names
      i = processors if architecture.start_with?('armv', 'aarch', 'ppc')
      if xen_paravirt
        facts['processor_cores'] = i
        facts['processor_threads_per_core'] = 1
      else
        first_socket = sockets.values.first
        facts['processor_cores'] = first_socket.nil? || first_socket.zero? ? 1 : first_socket
        per = cores.values.first || 1
        facts['processor_threads_per_core'] = per.div(facts['processor_cores'])
      end
      facts
    end

    # Python's str.strip() without arguments: whitespace, including the ASCII separators \x1c-\x1f.
    def self.python_strip(text) = text.gsub(/\A[\s\x1c-\x1f]+|[\s\x1c-\x1f]+\z/, '')

    def self.python_int!(text)
      n = python_int(text)
      raise ArgumentError, "ansible2chef: /proc/cpuinfo holds #{text.inspect} where Ansible's collector expects a number (its setup fails)" if n.nil?

      n
    end
  end
end
