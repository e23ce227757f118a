# remote_src -> file with the content read lazily on the node
# diagnostics: none

# tasks/main.yml:1 Keep a copy of the default config
# remote_src: decides between cookbook_file and a file copied on the node
file '/etc/nginx/nginx.conf.orig' do
  content lazy { File.read('/etc/nginx/nginx.conf') }
end
