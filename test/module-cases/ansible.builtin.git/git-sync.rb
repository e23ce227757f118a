# git sync
# diagnostics: none

# tasks/main.yml:1 Check out the tools
# force: no: the module fails on local modifications; git :sync would discard them
ruby_block 'git local modifications in /opt/tools' do
  block do
    A2C::Modules.git_unmodified!('/opt/tools')
  end
end

# tasks/main.yml:1 Check out the tools
git '/opt/tools' do
  repository 'https://example.com/tools.git'
  revision 'v1.2'
  enable_submodules true
end
