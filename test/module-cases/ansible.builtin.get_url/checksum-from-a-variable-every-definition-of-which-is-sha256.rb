# a checksum that is one variable whose every definition is sha256:<digest> converts (read when the task runs); a sha1 one stays a TODO
# diagnostics: A2C-TODO-CHECKSUM

# tasks/main.yml:1 Download hatop
remote_file '/opt/hatop.tar.gz' do
  source node['demo']['hatop_url']
  mode '0644'
  checksum A2C::Tasks.sha256_checksum(node['demo']['hatop_checksum'])
end

# TODO(ansible2chef): A2C-TODO-CHECKSUM only sha256 checksums written as sha256:<digest> convert (Chef verifies SHA-256)
# tasks/main.yml:7 Download other
#   - name: Download other
#     ansible.builtin.get_url:
#       url: "{{ hatop_url }}"
#       dest: /opt/other.tar.gz
#       checksum: "{{ other_checksum }}"
