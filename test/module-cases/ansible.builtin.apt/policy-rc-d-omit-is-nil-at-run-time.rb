# policy-rc-d-omit-is-nil-at-run-time
# diagnostics: none

# tasks/main.yml:1 Install with an omitted policy
a2c_apt_package 'nginx' do
  policy_rc_d A2C::Tasks.omit(A2C::Tasks.to_int(A2C::Jinja.convert_data(A2C::Jinja::OMIT), 'policy_rc_d'))
  action :upgrade
end
