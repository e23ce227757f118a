# pip install guarded by pip show
# diagnostics: none

# tasks/main.yml:1 Install the client
execute 'pip present python-openstackclient' do
  command %w(pip3 install python-openstackclient)
  not_if 'pip3 show python-openstackclient'
end
