# A2C::Facts.distribution_version_from on described hosts (see distribution-version-ansible.py):
# stdin a JSON list of cases, stdout the values in order ("error: <class>" where the helper raises).
require 'json'
require File.join(ARGV.fetch(0), 'a2c_facts_distribution_version')

FakeHost = Struct.new(:files, :lsb) do
  def file?(path) = files.key?(path)
  def read(path) = files.fetch(path)
  def etc_files = files.keys.filter_map { |p| p.delete_prefix('/etc/') if p.start_with?('/etc/') && !p[5..].include?('/') }
  def lsb_release = lsb
end

out = JSON.parse($stdin.read).map do |c|
  A2C::Facts.distribution_version_from(FakeHost.new(c['files'], c['lsb']))
rescue StandardError => e
  "error: #{e.class}"
end
print JSON.generate(out)
