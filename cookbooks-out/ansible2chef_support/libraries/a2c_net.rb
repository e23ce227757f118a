# Address helpers for converted templates and attributes.
#
# ansible2chef wraps every expression that can hold an IP address and is joined to a port
# (`addr:port`), or written where a bracketed address is required (Cinder's iscsi_ip_address),
# in A2C::Net.ipwrap. It does what Ansible's `ipwrap` filter does, so an IPv4 address or a host
# name renders exactly as before and an IPv6 address gains the brackets it needs.
require 'ipaddr'

module A2C
  module Net
    # Brackets an IPv6 address ("2001:db8::1" -> "[2001:db8::1]", "2001:db8::/64" ->
    # "[2001:db8::]/64"). IPv4 addresses, host names, already-bracketed values and
    # non-strings come back unchanged; lists are wrapped element by element.
    def self.ipwrap(value)
      return value.map { |v| ipwrap(v) } if value.is_a?(Array)
      return value unless value.is_a?(String)

      addr, prefix = value.split('/', 2)
      return value unless ipv6?(addr)

      prefix ? "[#{addr}]/#{prefix}" : "[#{addr}]"
    end

    # A list of addresses joined into one text with sep ("a,b,c", galera's gcomm:// members):
    # each member through ipwrap, where ipwrap of the whole text leaves it alone (no one address),
    # as Ansible's does. A value that is no text goes through ipwrap itself.
    def self.ipwrap_members(value, sep)
      return ipwrap(value) unless value.is_a?(String)

      value.split(sep, -1).map { |member| ipwrap(member) }.join(sep)
    end

    # IPAddr accepts "[::1]" too; a value that already has brackets must stay as it is.
    def self.ipv6?(text)
      # A zone index (fe80::1%eth0) is no address to netaddr, so ansible.utils.ipwrap leaves it alone.
      return false if text.nil? || text.start_with?('[') || !text.include?(':') || text.include?('%')

      IPAddr.new(text).ipv6?
    rescue IPAddr::Error
      false
    end
  end
end
