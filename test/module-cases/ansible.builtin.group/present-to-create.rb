# present -> create
# diagnostics: none

# tasks/main.yml:1 Create haproxy group
group 'haproxy' do
  system true
end
