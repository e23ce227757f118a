# extra_opts as a string is the list AnsibleModule splits from it: a lone --strip-components=N converts
# diagnostics: A2C-TODO-PARAM

# tasks/main.yml:1 Install tomcat instance
# remote_src: a controller-side archive is shipped as a cookbook_file first
# extra_opts --strip-components becomes strip_components; Chef extracts a zip archive so too, where Ansible passes the option to unzip, which refuses it
archive_file '/opt/tomcat/main/tomcat_src.tar.gz' do
  destination '/opt/tomcat/main'
  strip_components 1
  not_if { File.exist?('/opt/tomcat/main/bin') }
end

# TODO(ansible2chef): A2C-TODO-PARAM argument extra_opts of unarchive: tar options other than a lone --strip-components=N are not converted
# tasks/main.yml:8 Two options in one string stay a TODO
#   - name: Two options in one string stay a TODO
#     ansible.builtin.unarchive:
#       src: /opt/tomcat/main/tomcat_src.tar.gz
#       dest: /opt/tomcat/main
#       remote_src: yes
#       extra_opts: "--strip-components=1,--no-same-owner"
