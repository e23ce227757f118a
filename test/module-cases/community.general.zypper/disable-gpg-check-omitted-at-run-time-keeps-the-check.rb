# disable_gpg_check omitted at run time: nil, whose negation is the default gpg_check true
# diagnostics: none

# tasks/main.yml:1 Install foo, checks disabled only where asked
zypper_package 'foo' do
  gpg_check A2C::Tasks.omit(!A2C::Tasks.to_bool(A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(node.exist?('ansible', 'foo_skip_gpg') ? node['ansible']['foo_skip_gpg'] : A2C::Jinja::OMIT))), 'disable_gpg_check'))
  allow_downgrade false
  options '--no-recommends'
end
