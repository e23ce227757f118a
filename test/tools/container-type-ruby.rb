# A2C::Facts.container_virtualization_type on described hosts (see container-type-ansible.py):
# stdin a JSON list of cases, stdout the values in order (null where the container checks do not
# decide; "error: <class>" where the helper raises).
require 'base64'
require 'json'
require File.join(File.expand_path(ARGV.fetch(0)), 'a2c_facts_container')

FakeHost = Struct.new(:files, :dirs) do
  def exist?(path) = files.key?(path) || dirs.include?(path)
  def read(path) = files[path] && Base64.strict_decode64(files[path]).force_encoding('UTF-8')
end

out = JSON.parse($stdin.read).map do |c|
  A2C::Facts.container_virtualization_type({}, FakeHost.new(c['files'], c['dirs']))
rescue StandardError => e
  "error: #{e.class}"
end
print JSON.generate(out)
