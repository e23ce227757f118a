# templated-url-names-the-key-file-on-the-node
# diagnostics: none

# Variables set outside the converted input, read as plain Chef because their type is known
# (libraries/input_contracts.rb): a value of another type fails the run now, rather than converging
# differently from Ansible.
A2C::Inputs.check!(node, 'ansible', DemoCookbook::INPUT_CONTRACTS)

# Read once for the statements below: nothing the recipe compiles changes what is read.
vendor_distro = node.read!('ansible', 'vendor_distro')

# tasks/main.yml:1 Trust the vendor key
remote_file A2C::Modules.apt_key_file("https://download.example.com/linux/#{vendor_distro}/gpg") do
  source "https://download.example.com/linux/#{vendor_distro}/gpg"
  mode '0644'
end

# tasks/main.yml:6 Trust the mirror key in its own keyring
remote_file "/etc/apt/trusted.gpg.d/#{node.read!('ansible', 'mirror_name')}.gpg" do
  source A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'mirror_key_url')), 'url')
  mode '0644'
end
