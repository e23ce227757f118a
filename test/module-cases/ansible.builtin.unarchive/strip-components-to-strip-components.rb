# strip-components-to-strip-components
# diagnostics: A2C-TODO-PARAM

# tasks/main.yml:1 Unpack one level down
# remote_src: a controller-side archive is shipped as a cookbook_file first
# extra_opts --strip-components becomes strip_components; Chef extracts a zip archive so too, where Ansible passes the option to unzip, which refuses it
archive_file '/opt/dl/hatop.tar.gz' do
  destination '/opt/hatop'
  strip_components 1
end

# tasks/main.yml:8 Unpack two levels down
# remote_src: a controller-side archive is shipped as a cookbook_file first
# extra_opts --strip-components becomes strip_components; Chef extracts a zip archive so too, where Ansible passes the option to unzip, which refuses it
archive_file '/opt/dl/tool.tar.gz' do
  destination '/opt/tool'
  strip_components 2
end

# TODO(ansible2chef): A2C-TODO-PARAM argument extra_opts of unarchive: tar options other than a lone --strip-components=N are not converted
# tasks/main.yml:14 Other tar options stay a TODO
#   - name: Other tar options stay a TODO
#     unarchive:
#       src: /opt/dl/x.tar.gz
#       dest: /opt/x
#       remote_src: true
#       extra_opts: ['--strip-components=1', '--no-same-owner']
