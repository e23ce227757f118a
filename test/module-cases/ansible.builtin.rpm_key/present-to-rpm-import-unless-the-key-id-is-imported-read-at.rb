# present -> rpm --import unless the key id is imported (read at converge time)
# diagnostics: none

# tasks/main.yml:1 Import the EPEL key
execute 'rpm --import https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9' do
  command ['rpm', '--import', 'https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9']
  not_if { A2C::Modules.rpm_key_imported?('https://dl.fedoraproject.org/pub/epel/RPM-GPG-KEY-EPEL-9') }
end
