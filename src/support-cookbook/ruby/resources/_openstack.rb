# frozen_string_literal: true
#
# Partial (`use '_openstack'`): how the openstack_* resources reach Keystone, with the connection arguments
# of openstack.cloud's modules, and the preview/converge step. Chef skips resource files whose name starts
# with '_'.
property :cloud, String, description: 'The clouds.yaml entry (OS_CLOUD).'
property :auth, Hash, sensitive: true, description: 'keystoneauth arguments, passed as OS_<KEY> variables.'
property :auth_type, String
property :region_name, String
property :interface, String, equal_to: %w(admin internal public), default: 'public'
property :validate_certs, [true, false], description: 'false: --insecure.'
property :ca_cert, String
property :client_cert, String
property :client_key, String

action_class do
  # Runs the module's steps once against an openstack client that only lists and counts the changes it
  # would make; any change means a converge, made for real inside converge_by (so why-run only reads).
  def openstack_converge(what)
    r = new_resource
    conn = { cloud: r.cloud, auth: r.auth, auth_type: r.auth_type, region_name: r.region_name, interface: r.interface,
             validate_certs: r.validate_certs, ca_cert: r.ca_cert, client_cert: r.client_cert, client_key: r.client_key }
    preview = A2C::OpenStack::Cli.new(**conn, dry_run: true)
    yield preview
    converge_by(what) { yield A2C::OpenStack::Cli.new(**conn) } if preview.writes.positive?
  end
end
