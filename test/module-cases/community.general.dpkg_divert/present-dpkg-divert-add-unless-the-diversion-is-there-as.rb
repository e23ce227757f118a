# present: dpkg-divert --add unless the diversion is there as wanted
# diagnostics: none

# tasks/main.yml:1 Divert the stock config
execute 'dpkg-divert add /etc/issue' do
  command [
    'dpkg-divert',
    '--rename',
    '--local',
    '--divert',
    '/etc/issue.distrib',
    '--add',
    '/etc/issue',
  ]
  not_if { A2C::Modules.diversion('/etc/issue') == { 'holder' => 'LOCAL', 'divert' => '/etc/issue.distrib' } }
end
