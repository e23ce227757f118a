# frozen_string_literal: true

# community.general.capabilities (6.6) through getcap / setcap, with the module's parsing: the file's
# capabilities as `getcap -v` prints them, the wanted one added (replacing the same capability with
# other flags) or removed, and the whole list set again with setcap. Like the module, it reads only
# the first capability group newer libcap prints, and compares the operator as written (`+ep` is not
# `=ep`), so such a task reports a change on every run, as it does under Ansible.
module A2C
  module Capabilities
    class Error < StandardError; end

    OPS = %w(= - +).freeze

    module_function

    # { 'changed' => ... } after bringing the file's capability to `state`; dry_run only reads.
    def manage(path:, capability:, state: 'present', dry_run: false)
      path = path.strip
      wanted = parse(capability.strip.downcase, op_required: state == 'present')
      current = getcap(path)
      if state == 'present' && !current.include?(wanted)
        setcap(path, current.reject { |c| c[0] == wanted[0] } + [wanted]) unless dry_run
        return { 'changed' => true, 'state' => state, 'msg' => 'capabilities changed' }
      end
      if state == 'absent' && current.any? { |c| c[0] == wanted[0] }
        setcap(path, current.reject { |c| c[0] == wanted[0] }) unless dry_run
        return { 'changed' => true, 'state' => state, 'msg' => 'capabilities changed' }
      end
      { 'changed' => false, 'state' => state }
    end

    # [name, op, flags] triples, as the module reads `getcap -v`.
    def getcap(path)
      require 'open3'
      out, err, status = Open3.capture3('getcap', '-v', path)
      raise Error, "Unable to get capabilities of #{path}" if !status.success? || err != ''
      return [] if out.strip == path

      groups = out.include?(' =') ? out.split(' =')[1].strip.split : [out.split[1].strip]
      groups.flat_map do |group|
        group = group.downcase
        next [parse(group)] unless group.include?(',')

        names = group.split(',')
        last, op, flags = parse(names.pop)
        (names + [last]).map { |n| [n, op, flags] }
      end
    end

    def setcap(path, caps)
      require 'open3'
      out, _err, status = Open3.capture3('setcap', caps.map(&:join).join(' '), path)
      raise Error, "Unable to set capabilities of #{path}" unless status.success?

      out
    end

    # The module's _parse_cap: the first operator of = - + found (in that order) splits name and flags.
    def parse(cap, op_required: true)
      op = OPS.find { |o| cap.include?(o) }
      if op.nil?
        raise Error, "Couldn't find operator (one of: ('=', '-', '+'))" if op_required

        return [cap, nil, nil]
      end
      parts = cap.split(op, -1)
      raise Error, "too many values to unpack (expected 2) in #{cap.inspect}" if parts.length != 2

      [parts[0], op, parts[1]]
    end
  end
end
