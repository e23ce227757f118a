# frozen_string_literal: true

# openstack.cloud's catalog modules (catalog_service, endpoint; collection 1.10), through the `openstack`
# command line like the identity ones (libraries/a2c_openstack.rb, loaded first: Chef loads libraries in
# name order). The modules find their object with openstacksdk's search_* (every row whose ID or name is
# the reference, then the filters), fail when several match, and update when something differs. The
# SDK is the one collection 1.x runs with (0.36 to 0.98; its module_utils refuses 0.99 and later), whose
# cloud layer answers plain dicts of Keystone's fields and updates with one PATCH of the given fields.
module A2C
  module OpenStack
    # openstacksdk matches a search reference holding *, ? or [ as an fnmatch pattern as well; the
    # client has no such matching, so such a name fails here rather than matching other services.
    GLOB = /[*?\[]/

    # Every row whose ID or Name is ref, as openstacksdk's _filter_list keeps them (an empty ref keeps
    # every row: the SDK filters by name only `if name_or_id`).
    def self.search(rows, ref)
      return rows if ref.nil? || ref.empty?
      raise Error, "#{ref.inspect} would be matched by openstacksdk as a pattern; not converted" if GLOB.match?(ref.to_s)

      rows.select { |r| r['ID'] == ref || r['Name'] == ref }
    end

    # Python truthiness of a string argument (the modules pass a description on only `if description`).
    def self.given?(value)
      !value.nil? && !value.empty?
    end

    # --- catalog_service -------------------------------------------------------------------------

    # The service is the one listed with that name (or ID) and type. The module compares enabled and
    # the description exactly (None when Keystone holds none), and its update sends name, type,
    # enabled, and the description only when one is given: so a description Keystone holds while the
    # task gives none (or gives '') is a difference on every run, and the update leaves it as it is.
    def self.service(cli, name:, type:, description: nil, enabled: true, state: 'present')
      # An empty type filters nothing, as the module filters by type only `if type`.
      rows = search(cli.list('service', 'list', '--long'), name).select { |r| type.empty? || r['Type'] == type }
      raise Error, "Service name #{name} and type #{type} are not unique" if rows.length > 1

      current = rows.first
      if state == 'absent'
        return result(false) if current.nil?

        cli.write('service', 'delete', current['ID'])
        return result(true)
      end
      desc = given?(description) ? ['--description', description] : []
      if current.nil?
        cli.write('service', 'create', '--name', name, *desc, enable_flag(enabled), type)
        return result(true)
      end
      # The listing shows a missing description as ''; `show` prints only the fields Keystone holds.
      held = cli.list('service', 'show', current['ID'])['description']
      return result(false, 'id' => current['ID']) if current['Enabled'] == enabled && held == description

      cli.write('service', 'set', '--name', name, '--type', type, *desc, enable_flag(enabled), current['ID'])
      result(true, 'id' => current['ID'])
    end

    # --- endpoint --------------------------------------------------------------------------------

    # The service is resolved first (absent: nothing to do; present: it must exist); the endpoint is
    # the one with that service and interface, and region when given (with no region, an endpoint of
    # any region matches). Several matches fail, as in the module. url and enabled are set together
    # when either differs, as the module's update_endpoint sends them.
    def self.endpoint(cli, service:, interface:, url:, region: nil, enabled: true, state: 'present')
      # An empty region filters the module's search to nothing, while the client's --region ignores it;
      # with an empty url openstacksdk creates nothing (the module then fails on the missing endpoint)
      # and Keystone's answer to setting one is not known here.
      raise Error, 'an empty region is not converted: the openstack client lists every region for it' if region&.empty?
      raise Error, 'an empty url is not converted: openstacksdk creates no endpoint for it' if state == 'present' && url.to_s.empty?

      found = search(cli.list('service', 'list'), service)
      raise Error, "Multiple matches found for #{service}" if found.length > 1

      svc = found.first
      return result(false) if svc.nil? && state == 'absent'
      raise Error, "Service #{service} does not exist" if svc.nil?

      region_filter = region.nil? ? [] : ['--region', region]
      rows = cli.list('endpoint', 'list', '--service', svc['ID'], '--interface', interface, *region_filter)
      raise Error, "Service #{service}, interface #{interface} and region #{region.nil? ? 'None' : region} are not unique" if rows.length > 1

      current = rows.first
      if state == 'absent'
        return result(false) if current.nil?

        cli.write('endpoint', 'delete', current['ID'])
        return result(true)
      end
      if current.nil?
        cli.write('endpoint', 'create', *region_filter, enable_flag(enabled), svc['ID'], interface, url)
        return result(true)
      end
      return result(false, 'id' => current['ID']) if current['Enabled'] == enabled && current['URL'] == url

      cli.write('endpoint', 'set', '--url', url, enable_flag(enabled), current['ID'])
      result(true, 'id' => current['ID'])
    end
  end
end
