# Ansible's ipaddr / ipv4 / ipv6 filters (ansible.utils, backed by python netaddr 0.8) for
# converted templates.
#
# What netaddr accepts is wider than what Ruby's IPAddr accepts, and what it prints differs:
# dotted quads are checked the way glibc's inet_pton does, then retried as a "partial" address
# whose parts go through Python's int() ("10.1" is 10.1.0.0, " 01.2.3.4" is 1.2.3.4); a bare
# integer is an address ("1" is 0.0.0.1); IPv6 is printed the way glibc's inet_ntop prints it.
# So parsing and printing are done here, not by IPAddr.
#
# The translator only emits queries this file answers (A2C::Ipaddr::QUERIES or an integer
# index) and refuses every other query when converting.
require_relative 'a2c_jinja'

module A2C
  module Ipaddr
    V4_MAX = (1 << 32) - 1
    V6_MAX = (1 << 128) - 1
    MAPPED = 0xffff_0000_0000

    # An address with its prefix: netaddr's IPNetwork (an address is a /32 or /128).
    Net = Struct.new(:version, :value, :prefixlen) do
      def width
        version == 4 ? 32 : 128
      end

      def max
        version == 4 ? V4_MAX : V6_MAX
      end

      def size
        1 << (width - prefixlen)
      end

      def hostmask
        size - 1
      end

      def netmask
        max ^ hostmask
      end

      def network
        value & netmask
      end

      def last
        value | hostmask
      end

      # netaddr 0.8 has no broadcast for IPv4 /31 and /32 only.
      def broadcast
        version == 4 && prefixlen >= 31 ? nil : last
      end

      def text(int)
        Ipaddr.format(version, int)
      end

      def ip
        text(value)
      end

      def to_s
        "#{ip}/#{prefixlen}"
      end

      def within?(ver, base, plen)
        return false unless version == ver && plen <= prefixlen

        shift = width - plen
        (value >> shift) == (base >> shift)
      end
    end

    # netaddr's is_private ranges (RFC 1918, 6598, 5736, 2544, admin multicast, ULA, site-local)
    # plus link-local, which is_private also counts.
    PRIVATE = [
      [4, 0x0a000000, 8], [4, 0x64400000, 10], [4, 0xac100000, 12], [4, 0xc0000000, 24],
      [4, 0xc0a80000, 16], [4, 0xc6120000, 15], [4, 0xef000000, 8], [4, 0xa9fe0000, 16],
      [6, 0xfc << 120, 7], [6, 0xfec << 116, 10], [6, 0xfe8 << 116, 10]
    ].freeze

    module_function

    # The filter entry point: `value | ipaddr(query)`, `ipv4(query)` (version 4), `ipv6(query)`.
    def filter(value, query = '', version = nil)
      name = { nil => 'ipaddr', 4 => 'ipv4', 6 => 'ipv6' }.fetch(version)
      unless value.is_a?(String) || value.is_a?(Array) || value.is_a?(Integer) || value == true || value == false
        raise TypeError, "Unrecognized type <#{value.class}> for #{name} filter <value>"
      end

      apply(value, query, version)
    end

    # ansible.utils' ipaddr(): lists element by element (falsy results dropped), anything that
    # is not an address or network gives False.
    def apply(value, query, version)
      return value.map { |v| apply(v, query, version) }.reject { |r| falsy?(r) } if value.is_a?(Array)
      return false if falsy?(value) || value == true

      net, vtype, value = classify(value, version)
      return false if net.nil? || (version && net.version != version)

      answer(net, vtype, value, query)
    end

    def falsy?(value)
      value.nil? || value == false || value == 0 || ((value.is_a?(String) || value.is_a?(Array) || value.is_a?(Hash)) && value.empty?)
    end

    # ip == network, the one netaddr comparison the queries make.
    def at_network?(net)
      net.value == net.network
    end

    def public?(net)
      ip = Net.new(net.version, net.value, net.width)
      multicast = net.version == 4 ? ip.within?(4, 0xe0000000, 4) : ip.within?(6, 0xff << 120, 8)
      loopback = net.version == 4 ? ip.within?(4, 0x7f000000, 8) : net.value == 1
      !multicast && !private?(ip) && !loopback && !pow2?((net.value ^ net.max) + 1) && !pow2?(net.value + 1)
    end

    # netaddr's is_netmask / is_hostmask test: mask inverted plus one, or mask plus one, is a power of two.
    def pow2?(int)
      (int & (int - 1)).zero?
    end

    def private?(net)
      PRIVATE.any? { |ver, base, plen| net.within?(ver, base, plen) }
    end

    # netaddr's IPNetwork.ipv4(): ::a.b.c.d and ::ffff:a.b.c.d networks of prefix 96 or more.
    def to_ipv4(net)
      value = net.value <= V4_MAX ? net.value : net.value - MAPPED
      return false if net.value > 0xffff_ffff_ffff || value.negative? || net.prefixlen < 96

      "#{format(4, value)}/#{net.prefixlen - 96}"
    end

    # Query name => answer(net, vtype, value); nil is Python's None.
    QUERIES = {
      '' => ->(n, vtype, _) { vtype == 'address' ? n.ip : n.to_s },
      'address' => ->(n, _, _) { n.size == 1 || !at_network?(n) || n.broadcast.nil? || n.version == 6 ? n.ip : nil },
      'host' => ->(n, _, _) { n.size == 1 || !at_network?(n) || n.broadcast.nil? ? n.to_s : nil },
      'host/prefix' => ->(n, _, _) { n.size > 2 && [n.network, n.broadcast].include?(n.value) ? false : n.to_s },
      'ip/prefix' => ->(n, _, _) { n.size == 2 || (n.size > 1 && !at_network?(n)) ? n.to_s : nil },
      'ip_netmask' => ->(n, _, _) { n.size == 2 || (n.size > 1 && !at_network?(n)) ? "#{n.ip} #{n.text(n.netmask)}" : nil },
      'network' => ->(n, _, _) { n.text(n.network) },
      'subnet' => ->(n, _, _) { "#{n.text(n.network)}/#{n.prefixlen}" },
      'cidr' => ->(n, _, _) { n.to_s },
      'net' => ->(n, _, _) { n.size > 1 && at_network?(n) ? "#{n.text(n.network)}/#{n.prefixlen}" : nil },
      'netmask' => ->(n, _, _) { n.text(n.netmask) },
      'hostmask' => ->(n, _, _) { n.text(n.hostmask) },
      'network_netmask' => ->(n, _, _) { "#{n.text(n.network)} #{n.text(n.netmask)}" },
      'network_wildcard' => ->(n, _, _) { "#{n.text(n.network)} #{n.text(n.hostmask)}" },
      'broadcast' => ->(n, _, _) { n.size > 2 ? n.text(n.broadcast) : nil },
      'prefix' => ->(n, _, _) { n.prefixlen },
      'size' => ->(n, _, _) { n.size },
      'version' => ->(n, _, _) { n.version },
      'type' => ->(n, _, _) { n.size == 1 || !at_network?(n) ? 'address' : 'network' },
      'bool' => ->(_, _, _) { true },
      'int' => ->(n, vtype, _) { vtype == 'address' ? n.value : "#{n.value}/#{n.prefixlen}" },
      'public' => ->(n, _, value) { public?(n) ? value : nil },
      'private' => ->(n, _, value) { private?(n) ? value : nil },
      'wrap' => lambda { |n, vtype, value|
                  if n.version == 4
                    value
                  else
                    "[#{n.ip}]#{vtype == 'network' ? "/#{n.prefixlen}" : ''}"
                  end
                },
      'ipv4' => ->(n, _, value) { n.version == 4 ? value : to_ipv4(n) },
      'ipv6' => ->(n, _, value) { n.version == 6 ? value : "#{format(6, MAPPED + n.value)}/#{n.prefixlen + 96}" },
    }.merge(
      %w(ip).to_h { |q| [q, 'address'] }, %w(network_id).to_h { |q| [q, 'network'] },
      %w(address/prefix gateway gw hostnet router).to_h { |q| [q, 'host/prefix'] },
      %w(network/prefix).to_h { |q| [q, 'subnet'] }, %w(wildcard).to_h { |q| [q, 'hostmask'] }
    ).freeze

    # An integer query: the address at that index (negative from the end) with the prefix.
    def index(net, vtype, query)
      return vtype == 'address' ? net.ip : net.to_s if net.size == 1

      i = Integer(query, 10)
      addr = i.negative? ? net.last + i + 1 : net.network + i
      addr.between?(net.network, net.last) ? "#{net.text(addr)}/#{net.prefixlen}" : false
    end

    def answer(net, vtype, value, query)
      return index(net, vtype, query) if query.match?(/\A(?:0|-?[1-9]\d*)\z/)

      fn = QUERIES.fetch(query)
      fn = QUERIES.fetch(fn) if fn.is_a?(String)
      fn.call(net, vtype, value)
    end

    # [net, "address" | "network", the value queries hand back] or nil.
    # A bare integer is IPv6 when it is too big for IPv4 or when ipv6() asks for IPv6.
    def classify(value, version)
      if value.is_a?(Integer) || (value.is_a?(String) && value.match?(/\A\p{Nd}+\z/))
        n = value.is_a?(Integer) ? value : py_int(value)
        return if n.negative?

        net = if n <= V4_MAX && version != 6
                Net.new(4, n, 32)
              else
                (n <= V6_MAX ? Net.new(6, n, 128) : nil)
              end
        return net && [net, 'address', net.to_s]
      end
      return unless value.is_a?(String)

      net = parse_network(value)
      return [net, value.split('/', -1).length == 2 ? 'network' : 'address', value] if net

      numeric_cidr(value)
    end

    # "167772160/8": an integer address with a prefix, IPv4 when both fit.
    def numeric_cidr(value)
      parts = value.split('/', -1)
      return unless parts.length == 2

      addr = py_int(parts[0])
      plen = py_int(parts[1])
      return if addr.nil? || plen.nil?

      ver = [[4, V4_MAX, 32], [6, V6_MAX, 128]].find { |_, max, width| addr.between?(0, max) && plen.between?(0, width) }&.first
      net = ver && Net.new(ver, addr, plen)
      net && [net, 'network', net.to_s]
    end

    # netaddr.IPNetwork(text): IPv4 first (with the partial-address retry), then IPv6.
    def parse_network(text)
      addr, mask = text.split('/', 2)
      [4, 6].each do |ver|
        value = ver == 4 ? (pton4(addr) || partial4(addr)) : pton6(addr)
        next if value.nil?

        plen = prefix(ver, mask)
        return Net.new(ver, value, plen) if plen
      end
      nil
    end

    # The part after "/": an int() prefix, or a netmask / hostmask address.
    def prefix(ver, mask)
      width = ver == 4 ? 32 : 128
      return width if mask.nil?

      n = py_int(mask)
      return n.between?(0, width) ? n : nil if n

      m = ver == 4 ? pton4(mask) : pton6(mask)
      return if m.nil?

      inverted = (m ^ ((1 << width) - 1)) + 1
      return width - (inverted.bit_length - 1) if pow2?(inverted)

      pow2?(m + 1) ? width - m.bit_length : nil
    end

    # glibc inet_pton(AF_INET): exactly four decimal parts 0-255, no leading zeros.
    def pton4(text)
      return unless text.match?(/\A(?:(?:0|[1-9]\d{0,2})\.){3}(?:0|[1-9]\d{0,2})\z/)

      parts = text.split('.').map(&:to_i)
      parts.all? { |p| p <= 255 } ? parts.inject(0) { |acc, elem| (acc << 8) | elem } : nil
    end

    # netaddr's expand_partial_address: 1 to 4 int() parts, missing ones are 0.
    def partial4(text)
      return if text.include?(':')

      parts = text.split('.', -1).map { |p| py_int(p) }
      return if parts.empty? || parts.length > 4 || parts.any?(&:nil?)

      pton4((parts + [0] * (4 - parts.length)).join('.'))
    end

    # glibc inet_pton(AF_INET6): hex groups of 1-4 digits, one "::" standing for at least one
    # group, an optional trailing dotted quad; no zone index.
    def pton6(text)
      return if text.empty? || !text.ascii_only?

      head, tail, *rest = text.split('::', -1)
      return unless rest.empty?

      left = groups6(head, tail.nil?)
      right = tail.nil? ? [] : groups6(tail, true)
      return if left.nil? || right.nil?

      words = if tail.nil?
                left.length == 8 ? left : nil
              elsif left.length + right.length <= 7
                left + [0] * (8 - left.length - right.length) + right
              end
      words&.inject(0) { |acc, elem| (acc << 16) | elem }
    end

    # The 16-bit words of one side of "::"; a dotted quad may end the last side.
    def groups6(side, last)
      return [] if side.empty?

      parts = side.split(':', -1)
      quad = nil
      if last && parts.last.include?('.')
        quad = pton4(parts.pop)
        return if quad.nil?
      end
      return unless parts.all? { |p| p.match?(/\A\h{1,4}\z/) }

      words = parts.map { |p| p.to_i(16) }
      quad ? words + [quad >> 16, quad & 0xffff] : words
    end

    def format(version, int)
      return [24, 16, 8, 0].map { |s| (int >> s) & 0xff }.join('.') if version == 4

      ntop6(int)
    end

    # glibc inet_ntop(AF_INET6): the longest run (first of equals, at least two) of zero words
    # becomes "::"; ::a.b.c.d and ::ffff:a.b.c.d keep the dotted quad.
    def ntop6(int)
      words = 7.downto(0).map { |i| (int >> (16 * i)) & 0xffff }
      base, len = zero_run(words)
      if base.zero? && (len == 6 || (len == 5 && words[5] == 0xffff))
        return "::#{len == 5 ? 'ffff:' : ''}#{format(4, int & V4_MAX)}"
      end
      return words.map { |w| w.to_s(16) }.join(':') if len < 2

      hex = ->(ws) { ws.map { |w| w.to_s(16) }.join(':') }
      "#{hex.call(words[0...base])}::#{hex.call(words[(base + len)..])}"
    end

    def zero_run(words)
      best = [-1, 0]
      start = nil
      (words + [1]).each_with_index do |w, i|
        if w.zero?
          start ||= i
        elsif start
          best = [start, i - start] if i - start > best[1]
          start = nil
        end
      end
      best
    end

    # Python's int(str) in base 10: surrounding whitespace, a sign, digits of any script,
    # single underscores between digits. nil where int() raises.
    def py_int(text)
      t = text.gsub(/\A[#{Jinja::PY_SPACE}]+|[#{Jinja::PY_SPACE}]+\z/o, '')
      m = /\A([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)\z/.match(t)
      return unless m

      n = m[2].delete('_').each_char.inject(0) { |acc, elem| (acc * 10) + digit_value(elem) }
      m[1] == '-' ? -n : n
    end

    # Unicode decimal digits come in runs of ten starting at zero.
    def digit_value(char)
      start = char.ord
      start -= 1 while (start - 1).chr(Encoding::UTF_8).match?(/\p{Nd}/)
      (char.ord - start) % 10
    end
  end
end
