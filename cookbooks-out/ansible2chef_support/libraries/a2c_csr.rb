# frozen_string_literal: true

# community.crypto.openssl_csr (its cryptography backend): the certificate signing request the module
# writes, and its test of whether an existing one already is that request. The subject holds the
# given name fields in the module's order (C, ST, L, O, OU, CN, emailAddress; empty ones left out);
# with no subject_alt_name, use_common_name_for_san (true unless given) makes DNS:<common name> the
# one alternative name. The request is signed with the private key by the digest (sha256 unless
# given). An existing request is kept when its subject holds the same fields (in any order), its
# alternative names are the same set with the same criticality, it carries none of the extensions
# the module would have had to be asked for (key usage, extended key usage, basic constraints, OCSP
# must-staple, key identifiers, name constraints, CRL distribution points), its signature is valid
# and its public key is the private key's; otherwise it is written anew, as the module does.
require 'openssl'

module A2C
  module Csr
    class Error < StandardError; end

    # The module's name fields, in the order it puts them in the subject.
    NAME_FIELDS = [
      %w(C country_name), %w(ST state_or_province_name), %w(L locality_name), %w(O organization_name),
      %w(OU organizational_unit_name), %w(CN common_name), %w(emailAddress email_address)
    ].freeze
    # Extensions the module checks to be absent when not asked for (their OIDs).
    UNASKED = %w(
      2.5.29.15 2.5.29.37 2.5.29.19 1.3.6.1.5.5.7.1.24 2.5.29.14 2.5.29.35 2.5.29.30 2.5.29.31
    ).freeze
    SAN_OID = '2.5.29.17'
    # The general-name prefixes the module accepts that this conversion writes (cryptography_get_name).
    SAN_PREFIXES = { 'dns' => 'DNS', 'ip' => 'IP', 'email' => 'email', 'uri' => 'URI' }.freeze

    module_function

    # [[short name, value]] for the given params (a Hash with string keys).
    def subject(params)
      NAME_FIELDS.filter_map do |short, key|
        value = params[key]
        [short, value.to_s] unless value.nil? || value.to_s.empty?
      end
    end

    # The alternative names as OpenSSL's config syntax writes them ("DNS:a"), in the given order.
    def alt_names(params)
      given = Array(params['subject_alt_name']).map(&:to_s)
      if given.empty? && params.fetch('use_common_name_for_san', true) != false
        cn = subject(params).find { |short, _| short == 'CN' }
        given = ["DNS:#{cn[1]}"] if cn
      end
      given.map do |name|
        prefix, value = name.split(':', 2)
        kind = SAN_PREFIXES[prefix.to_s.downcase]
        raise Error, "subject_alt_name #{name.inspect}: only DNS:, IP:, email: and URI: names are converted" if kind.nil? || value.nil?

        "#{kind}:#{value}"
      end
    end

    def load_key(path, passphrase)
      raise Error, 'privatekey_path is required to make a request' if path.nil?

      OpenSSL::PKey.read(File.read(path), passphrase)
    rescue OpenSSL::PKey::PKeyError => e
      raise Error, "cannot read the private key #{path}: #{e.message}"
    end

    def san_extension(names, critical)
      OpenSSL::X509::ExtensionFactory.new.create_extension('subjectAltName', names.join(','), critical)
    end

    # The request for params, signed with the key at privatekey_path: its PEM text.
    def generate(params)
      key = load_key(params['privatekey_path'], params['privatekey_passphrase'])
      req = OpenSSL::X509::Request.new
      req.version = 0
      req.subject = OpenSSL::X509::Name.new(subject(params).map { |short, value| [short, value, OpenSSL::ASN1::UTF8STRING] })
      req.public_key = key
      names = alt_names(params)
      unless names.empty?
        ext = san_extension(names, params['subject_alt_name_critical'] == true)
        req.add_attribute(OpenSSL::X509::Attribute.new('extReq', OpenSSL::ASN1::Set([OpenSSL::ASN1::Sequence([ext])])))
      end
      req.sign(key, OpenSSL::Digest.new(params.fetch('digest', 'sha256') || 'sha256'))
      req.to_pem
    end

    # An extension's OID in dotted form (Ruby names the known ones).
    def oid(ext)
      OpenSSL::ASN1::ObjectId.new(ext.oid).oid
    end

    # The extensions a request asks for (its extReq attribute).
    def extensions(req)
      attr = req.attributes.find { |a| a.oid == 'extReq' }
      return [] unless attr

      attr.value.value.first.value.map { |der| OpenSSL::X509::Extension.new(der) }
    end

    # The set of alternative names an extension value lists ("DNS:a, IP Address:1.2.3.4").
    def name_set(text)
      text.split(/,\s*/).map { |n| n.sub(/\AIP Address:/, 'IP:') }.sort
    end

    # The request at path, or nil where the file holds none (the module then writes one).
    def read_request(path)
      OpenSSL::X509::Request.new(File.read(path))
    rescue OpenSSL::X509::RequestError
      nil
    end

    # Whether the request at path is already the one params describe (the module's check).
    def current?(path, params)
      return false unless File.exist?(path)

      req = read_request(path)
      return false if req.nil?

      key = load_key(params['privatekey_path'], params['privatekey_passphrase'])
      have = req.subject.to_a.map { |short, value, _| [short, value] }
      return false unless have.sort == subject(params).sort

      exts = extensions(req)
      return false if exts.any? { |e| UNASKED.include?(oid(e)) }

      san = exts.find { |e| oid(e) == SAN_OID }
      names = alt_names(params)
      if names.empty?
        return false if san && !name_set(san.value).empty?
      else
        want = san_extension(names, params['subject_alt_name_critical'] == true)
        return false unless san && name_set(san.value) == name_set(want.value) && san.critical? == want.critical?
      end
      req.verify(req.public_key) && req.public_key.public_to_der == key.public_to_der
    end
  end
end
