# A2C::Facts.services over the same canned command output as service-facts-ansible.py.
# usage: ruby service-facts-ruby.rb LIBDIR < cases.json
require 'json'
Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }

out = JSON.parse($stdin.read).map do |c|
  run = ->(line) { c['outputs'].fetch(line, [127, '']) }
  found = A2C::Facts.services(run: run, bin: ->(name) { c['bins'][name] }, systemd: c['systemd'])
  found.empty? ? nil : found
end
print JSON.generate(out)
