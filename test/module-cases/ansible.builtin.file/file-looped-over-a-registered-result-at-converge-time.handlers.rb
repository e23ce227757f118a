# file-looped-over-a-registered-result-at-converge-time: the handlers recipe

# handlers/main.yml:1 reload haproxy
service 'haproxy' do
  action :nothing
end
