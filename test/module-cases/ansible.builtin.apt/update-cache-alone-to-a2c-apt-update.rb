# update_cache alone -> a2c_apt_update: updated only when the apt cache time moves, as the module reports changed
# diagnostics: none

# tasks/main.yml:1 Refresh apt
a2c_apt_update 'apt cache'
