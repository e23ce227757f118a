# A2C::Facts.pkg_mgr_from on described hosts (see pkg-mgr-ansible.py): stdin a JSON list of
# cases, stdout the values in order ("error: <class>" where the helper raises).
require 'json'
libs = ARGV.fetch(0)
%w[a2c_jinja a2c_facts a2c_facts_pkg_mgr].each { |f| require File.join(libs, f) }

FakeHost = Struct.new(:paths, :rpm_ok) do
  def exist?(path) = paths.include?(path)
  def rpm_provides_apt_get? = rpm_ok
end

out = JSON.parse($stdin.read).map do |c|
  host = FakeHost.new(c['paths'], c['rpm_provides_apt_get'])
  A2C::Facts.pkg_mgr_from(c['os_family'], -> { c['distribution'] }, -> { c['major'] }, host)
rescue StandardError => e
  "error: #{e.class}"
end
print JSON.generate(out)
