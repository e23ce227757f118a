# file-looped-over-a-registered-result-at-converge-time
# diagnostics: none

# tasks/main.yml:1 Find old certificates
# registers 'old_certs' for later tasks (node.run_state)
ruby_block 'Find old certificates' do
  block do
    node['demo']['cleanup'] ? A2C::Find.register(node.run_state, 'old_certs', paths: '/etc/haproxy/ssl', patterns: '*.crt') : A2C::Tasks.store(node.run_state, 'old_certs', A2C::Tasks.skipped_result)
  end
end

# tasks/main.yml:7 Remove them
# its loop reads a registered result, which exists only at converge time: the list is read, and its resources declared and converged, when this resource runs
a2c_converge_loop 'Remove them' do
  declare do
    if node['demo']['cleanup']
      A2C::Jinja.map_attr(A2C::Tasks.registered(node.run_state, 'old_certs').fetch('files'), 'path').each do |item|
        next if A2C::Jinja.is_match(item, /keep/)

        # tasks/main.yml:7 Remove them
        directory A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'path') do
          recursive true
          action :delete
          only_if { File.directory?(A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'path')) }
        end

        # tasks/main.yml:7 Remove them
        file A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'path') do
          action :delete
          not_if { File.directory?(A2C::Tasks.to_str(A2C::Jinja.convert_data(item), 'path')) }
        end
      end
    end
  end
  notifies :reload, 'service[haproxy]', :delayed
  notifies :start, 'service[haproxy]', :delayed
end
