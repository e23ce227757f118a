# groups-with-append-to-group-modify-append
# the module adds the user to each group (usermod -a -G) and fails on a missing group; so does group :modify
# diagnostics: none

A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'docker_users')).each do |item|
  # tasks/main.yml:1 Add the admins to the docker and adm groups
  user A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'name')

  # tasks/main.yml:1 Add the admins to the docker and adm groups
  group "docker #{A2C::Jinja.out(item)}" do
    group_name 'docker'
    members [A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'name')]
    append true
    action :modify
  end

  # tasks/main.yml:1 Add the admins to the docker and adm groups
  group "adm #{A2C::Jinja.out(item)}" do
    group_name 'adm'
    members [A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'name')]
    append true
    action :modify
  end
end

# tasks/main.yml:8 Add deploy to sudo
user 'deploy' do
  shell '/bin/bash'
end

# tasks/main.yml:8 Add deploy to sudo
group 'sudo' do
  members ['deploy']
  append true
  action :modify
end
