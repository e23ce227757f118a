# Runs the support cookbook's A2C::Lookup on differential-test terms (one process for the batch).
# stdin: JSON list of {"plugin", "terms", "loop"?}; stdout: JSON list of {"list", "value"} or {"error"}.
require 'json'
%w[a2c_jinja a2c_jinja_filters a2c_tasks a2c_lookup].each { |f| require_relative "../../src/support-cookbook/ruby/libraries/#{f}" }

cases = JSON.parse($stdin.read)
results = cases.map do |c|
  name = c['plugin'].sub(/\A(ansible\.builtin|community\.general)\./, '')
  if c.key?('loop')
    { 'list' => A2C::Lookup.run(name, A2C::Lookup.listify(c['loop'])) }
  else
    ran = A2C::Lookup.run(name, c['terms'])
    { 'list' => ran, 'value' => A2C::Lookup.value(ran) }
  end
rescue StandardError => e
  { 'error' => "#{e.class}: #{e.message}" }
end
print JSON.generate(results)
