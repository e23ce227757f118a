# hold, in a loop: dpkg --set-selections fed '<name> hold' unless dpkg --get-selections shows hold
# diagnostics: none

node['demo']['mongodb_pkg_hold_list'].each do |mongodb_pkg|
  # tasks/main.yml:1 Hold the MongoDB packages
  execute "dpkg selection hold #{mongodb_pkg}" do
    command ['dpkg', '--set-selections']
    input lazy { "#{mongodb_pkg} hold\n" }
    only_if { node['demo']['mongodb_pkg_hold'] }
    not_if { A2C::Modules.dpkg_selection(mongodb_pkg) == 'hold' }
  end
end
