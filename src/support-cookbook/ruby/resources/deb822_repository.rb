# frozen_string_literal: true
#
# a2c_deb822_repository: ansible.builtin.deb822_repository. The sources file's name and text come
# from A2C::Deb822 (libraries/a2c_deb822.rb) as the module makes them; :create writes it with the
# module's mode (0644 unless given), :delete removes it and the key files the module would have
# downloaded for the repository.
unified_mode true
provides :a2c_deb822_repository

description 'Writes or removes /etc/apt/sources.list.d/<slug>.sources as ansible.builtin.deb822_repository does.'

property :repo_name, String, name_property: true, description: 'Ansible name (X-Repolib-Name, and the file name slug).'
property :allow_downgrade_to_insecure, [true, false]
property :allow_insecure, [true, false]
property :allow_weak, [true, false]
property :by_hash, [true, false]
property :check_date, [true, false]
property :check_valid_until, [true, false]
property :enabled, [true, false]
property :pdiffs, [true, false]
property :trusted, [true, false]
# Lists: an Array, or text the module splits at commas (A2C::Deb822.list).
property :architectures, [String, Array, Integer, Float, true, false]
property :components, [String, Array, Integer, Float, true, false]
property :languages, [String, Array, Integer, Float, true, false]
property :suites, [String, Array, Integer, Float, true, false]
property :targets, [String, Array, Integer, Float, true, false]
property :types, [String, Array, Integer, Float, true, false]
property :uris, [String, Array, Integer, Float, true, false]
property :date_max_future, Integer
property :inrelease_path, String
property :signed_by, String, description: 'A key file on the node or the key text (a URL fails the run).'
property :mode, [String, Integer], default: '0644'

action_class do
  def deb822_params
    (A2C::Deb822::FIELDS - ['name']).each_with_object('name' => new_resource.repo_name) do |key, h|
      h[key] = new_resource.send(key)
    end
  end
end

action :create do
  description 'Write the sources file with the fields the module writes.'

  file A2C::Deb822.sources_path(new_resource.repo_name) do
    content A2C::Deb822.render(deb822_params)
    mode new_resource.mode
  end
end

action :delete do
  description 'Remove the sources file and the key files of the repository.'

  ([A2C::Deb822.sources_path(new_resource.repo_name)] + A2C::Deb822.key_paths(new_resource.repo_name)).each do |path|
    file path do
      action :delete
    end
  end
end
