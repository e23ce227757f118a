# frozen_string_literal: true
#
# a2c_get_url_directory: ansible.builtin.get_url with dest an existing directory
# (libraries/a2c_get_url.rb): the file's name comes from the server's response, so it is found
# when the resource converges; the file is replaced only where its content differs.
unified_mode true
provides :a2c_get_url_directory

description 'Downloads a URL into a directory, naming the file as get_url does (Content-Disposition, else the URL after redirects).'

# Named by the URL: a loop over URLs into one directory declares one resource per URL.
property :url, String, name_property: true, description: 'The URL fetched on every run (Ansible url).'
property :path, String, required: true, description: 'The directory (Ansible dest).'

action :create do
  description 'GET the URL; write the named file where it is missing or its content differs.'

  plan = A2C::GetUrl.plan(new_resource.url, new_resource.path)
  converge_by("download #{new_resource.url} to #{plan['dest']}") { A2C::GetUrl.write(plan) } if plan['changed']
end
