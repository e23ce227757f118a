# Ansible's `urlsplit` filter: Python 3.11's urllib.parse.urlsplit and the attributes of its
# result (hostname, port, username, password), as the filter returns them.
require 'ipaddr'

module A2C
  module Url
    SCHEME_CHARS = /\A[A-Za-z0-9+\-.]+\z/
    # Python's _WHATWG_C0_CONTROL_OR_SPACE, stripped from the front of the URL.
    LEADING_C0 = /\A[\x00-\x20]+/

    module_function

    # The result dict, keys in the order Python's dir() lists the attributes (alphabetical).
    def split(url)
      raise TypeError, "urlsplit: expected a string, got #{url.class}" unless url.is_a?(String)

      scheme, netloc, path, query, fragment = parts(url)
      username, password = userinfo(netloc)
      hostname, port = hostinfo(netloc)
      {
        'fragment' => fragment, 'hostname' => host_lower(hostname), 'netloc' => netloc,
        'password' => password, 'path' => path, 'port' => port_number(port), 'query' => query,
        'scheme' => scheme, 'username' => username
      }
    end

    def parts(url)
      url = url.sub(LEADING_C0, '').delete("\t\r\n")
      scheme = netloc = query = fragment = ''
      i = url.index(':')
      if i && i.positive? && url[0].match?(/[A-Za-z]/) && url[0...i].match?(SCHEME_CHARS)
        scheme = url[0...i].downcase
        url = url[(i + 1)..]
      end
      if url.start_with?('//')
        cut = ['/', '?', '#'].filter_map { |c| url.index(c, 2) }.min || url.length
        netloc = url[2...cut]
        url = url[cut..]
        raise ArgumentError, 'Invalid IPv6 URL' if netloc.include?('[') != netloc.include?(']')

        check_bracketed(netloc) if netloc.include?('[')
      end
      url, fragment = url.split('#', 2) if url.include?('#')
      url, query = url.split('?', 2) if url.include?('?')
      check_nfkc(netloc)
      [scheme, netloc, url.to_s, query.to_s, fragment.to_s]
    end

    # Python's str.partition / rpartition: [before, found?, after].
    def partition(s, sep)
      i = s.index(sep)
      i ? [s[0...i], true, s[(i + sep.length)..]] : [s, false, '']
    end

    def rpartition(s, sep)
      i = s.rindex(sep)
      i ? [s[0...i], true, s[(i + sep.length)..]] : ['', false, s]
    end

    def userinfo(netloc)
      info, have, = rpartition(netloc, '@')
      return [nil, nil] unless have

      user, have_password, password = partition(info, ':')
      [user, have_password ? password : nil]
    end

    def hostinfo(netloc)
      host = rpartition(netloc, '@')[2]
      _, bracket, inside = partition(host, '[')
      if bracket
        hostname, _, rest = partition(inside, ']')
        port = partition(rest, ':')[2]
      else
        hostname, _, port = partition(host, ':')
      end
      [hostname, port.empty? ? nil : port]
    end

    # Lower case except an IPv6 zone (`%eth0`); an empty host is None.
    def host_lower(hostname)
      return if hostname.empty?

      name, pct, zone = partition(hostname, '%')
      "#{name.downcase}#{pct ? '%' : ''}#{zone}"
    end

    def port_number(port)
      return if port.nil?
      raise ArgumentError, "Port could not be cast to integer value as #{A2C::Jinja.repr(port)}" unless port.match?(/\A[0-9]+\z/)

      n = Integer(port, 10)
      raise ArgumentError, 'Port out of range 0-65535' unless n.between?(0, 65_535)

      n
    end

    # _check_bracketed_netloc: nothing before `[`, only `:port` after `]`, an IPv6 address or IPvFuture inside.
    def check_bracketed(netloc)
      host = rpartition(netloc, '@')[2]
      before, bracket, inside = partition(host, '[')
      if bracket
        raise ArgumentError, 'Invalid IPv6 URL' unless before.empty?

        hostname, _, rest = partition(inside, ']')
        raise ArgumentError, 'Invalid IPv6 URL' unless rest.empty? || rest.start_with?(':')
      else
        hostname = partition(host, ':')[0]
      end
      if hostname.start_with?('v')
        raise ArgumentError, 'IPvFuture address is invalid' unless hostname.match?(/\Av[a-fA-F0-9]+\..+\z/m)
      else
        raise ArgumentError, "#{hostname} does not appear to be an IPv6 address" unless ipv6?(hostname)
      end
    end

    # Python's ipaddress.IPv6Address parser (_ip_int_from_string): up to eight groups of 1-4 hex
    # digits, one `::`, a dotted IPv4 tail without leading zeros, an optional `%zone`.
    def ipv6?(text)
      return false if text.include?('/')

      addr, pct, zone = partition(text, '%')
      return false if pct && (zone.empty? || zone.include?('%'))

      parts = addr.split(':', -1)
      return false if parts.length < 3
      if parts.last.include?('.')
        return false unless ipv4_strict?(parts.pop)

        parts.push('0', '0')
      end
      return false if parts.length > 9

      gaps = (1...(parts.length - 1)).select { |k| parts[k].empty? }
      return false if gaps.length > 1

      if gaps.empty?
        return false if parts.length != 8 || parts.first.empty? || parts.last.empty?
      else
        hi = gaps[0] - (parts.first.empty? ? 1 : 0)
        lo = parts.length - gaps[0] - 1 - (parts.last.empty? ? 1 : 0)
        return false if (parts.first.empty? && hi.positive?) || (parts.last.empty? && lo.positive?)
        return false if 8 - (hi + lo) < 1
      end
      parts.each_with_index.all? { |g, k| g.match?(/\A[0-9A-Fa-f]{1,4}\z/) || (g.empty? && (gaps.include?(k) || k.zero? || k == parts.length - 1)) }
    end

    def ipv4_strict?(text)
      octets = text.split('.', -1)
      octets.length == 4 && octets.all? { |o| o.match?(/\A(?:0|[1-9][0-9]{0,2})\z/) && o.to_i <= 255 }
    end

    # _checknetloc: a non-ASCII netloc must not gain URL delimiters under NFKC normalisation.
    def check_nfkc(netloc)
      return if netloc.empty? || netloc.ascii_only?

      n = netloc.delete('@:#?')
      normalized = n.unicode_normalize(:nfkc)
      return if n == normalized
      return unless normalized.match?(%r{[/?#@:]})

      raise ArgumentError, "netloc '#{netloc}' contains invalid characters under NFKC normalization"
    end
  end
end
