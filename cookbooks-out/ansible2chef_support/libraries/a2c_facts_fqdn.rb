# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_fqdn
#
# Ansible's fqdn fact is Python's socket.getfqdn() on the node (ansible-core 2.14's platform
# collector), which Ohai's fqdn (`hostname --fqdn`) does not always agree with: on the machine of
# shared/ground-truth Ansible says 'localhost' where Ohai says 'vm'. getfqdn resolves the host name
# to its first address (getaddrinfo, any family), asks the resolver for that address's names
# (gethostbyaddr: /etc/hosts, then DNS) and takes the first of the canonical name and its aliases
# that holds a dot, else the canonical name; on any resolver error, the host name itself.
# test/jinja-to-ruby/facts-fqdn.test.ts compares it with Python's socket.getfqdn on the same machine.

require 'ipaddr'
require 'socket'

module A2C
  module Facts
    def self.fqdn(_node)
      getfqdn('')
    end

    # Python's socket.getfqdn(name), as CPython 3.11 writes it.
    def self.getfqdn(name)
      name = name.strip
      name = Socket.gethostname if name.empty? || ['0.0.0.0', '::'].include?(name)
      begin
        hostname, aliases = host_by_addr(name)
      rescue SocketError, SystemCallError, IPAddr::Error
        return name
      end
      ([hostname] + aliases).find { |n| n.include?('.') } || hostname
    end

    # CPython's gethostbyaddr(name): the first address getaddrinfo gives for the name (AF_UNSPEC,
    # no socket type), then the C library's gethostbyaddr of that address.
    def self.host_by_addr(name)
      addr = Addrinfo.getaddrinfo(name, nil, Socket::AF_UNSPEC).first
      raise SocketError, "no address for #{name}" unless addr

      # The address without an IPv6 zone (%eth0), packed as gethostbyaddr takes it.
      packed = IPAddr.new(addr.ip_address.sub(/%.*/, '')).hton
      # Socket.gethostbyaddr is deprecated in Ruby, yet it is the C library call CPython makes, and the
      # only one that gives the aliases getfqdn searches (Addrinfo#getnameinfo gives the canonical name).
      verbose = $VERBOSE
      $VERBOSE = nil
      begin
        host = Socket.gethostbyaddr(packed, addr.afamily) # rubocop:disable Lint/DeprecatedClassMethods
      ensure
        $VERBOSE = verbose
      end
      [host[0], Array(host[1])]
    end
  end
end
