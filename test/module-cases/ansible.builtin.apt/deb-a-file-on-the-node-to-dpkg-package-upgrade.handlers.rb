# deb-a-file-on-the-node-to-dpkg-package-upgrade: the handlers recipe

# handlers/main.yml:2 Restart rabbitmq
service 'rabbitmq-server' do
  action :nothing
end
