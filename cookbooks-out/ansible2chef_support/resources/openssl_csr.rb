# frozen_string_literal: true
#
# a2c_openssl_csr: community.crypto.openssl_csr. Chef's openssl_x509_request writes no subject
# alternative name, which the module adds by default (DNS:<common name>), and keeps any existing file;
# the request and the module's test of an existing one come from A2C::Csr (libraries/a2c_csr.rb).
# :create writes the request when the file is not already it (or force is set), then the file's
# owner, group and mode; :delete removes the file (state: absent).
unified_mode true
provides :a2c_openssl_csr

description 'Writes a certificate signing request as community.crypto.openssl_csr does.'

property :path, String, name_property: true
property :privatekey_path, String
property :privatekey_passphrase, String, sensitive: true
property :digest, String, default: 'sha256'
property :country_name, String
property :state_or_province_name, String
property :locality_name, String
property :organization_name, String
property :organizational_unit_name, String
property :common_name, String
property :email_address, String
property :subject_alt_name, Array
property :subject_alt_name_critical, [true, false], default: false
property :use_common_name_for_san, [true, false], default: true
property :force, [true, false], default: false
property :owner, [String, Integer]
property :group, [String, Integer]
property :mode, [String, Integer]

action_class do
  def csr_params
    keys = %w(privatekey_path privatekey_passphrase digest subject_alt_name subject_alt_name_critical use_common_name_for_san)
    (keys + A2C::Csr::NAME_FIELDS.map(&:last)).to_h { |k| [k, new_resource.send(k)] }
  end
end

action :create do
  description 'Write the request unless the file already is it; then its owner, group and mode.'

  params = csr_params
  fresh = new_resource.force || !A2C::Csr.current?(new_resource.path, params)
  file new_resource.path do
    content A2C::Csr.generate(params) if fresh
    owner new_resource.owner unless new_resource.owner.nil?
    group new_resource.group unless new_resource.group.nil?
    mode new_resource.mode unless new_resource.mode.nil?
  end
end

action :delete do
  description 'Remove the request file.'

  file new_resource.path do
    action :delete
  end
end
