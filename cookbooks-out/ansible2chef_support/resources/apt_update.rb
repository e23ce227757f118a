# frozen_string_literal: true
#
# a2c_apt_update: ansible.builtin.apt with update_cache (and cache_valid_time) and nothing else.
# The lists are updated when the module would update them, and the resource is updated only when
# the module would report changed: when the apt cache time moved (libraries/a2c_apt_cache.rb). Chef's
# apt_update counts every update it runs as a change, so a handler it notifies ran on every run.
# Unlike apt_update, it writes no APT::Update::Post-Invoke-Success hook: the module writes none.
unified_mode true
provides :a2c_apt_update

description 'The apt lists updated as ansible.builtin.apt update_cache does, updated only when the cache time moved.'

property :cache_valid_time, [Integer, nil], description: 'Seconds the cache stays valid (nil or 0: update on every run).'

action :update do
  return unless platform_family?('debian')
  return unless A2C::AptCache.stale?(new_resource.cache_valid_time || 0)

  # why-run says it would update, as the module's check mode reports changed when the cache is stale.
  if Chef::Config[:why_run]
    converge_by('update the apt lists (apt-get -q update)') {}
    return
  end
  moved = A2C::AptCache.update { shell_out!('apt-get', '-q', 'update') }
  # The update ran either way; it is a change only when the cache time moved, as the module says.
  converge_by('update the apt lists: the apt cache time moved') {} if moved
end
