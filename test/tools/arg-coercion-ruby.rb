# frozen_string_literal: true

# The converted side of test/translate/modules/module-arg-coercion.test.ts: the run-time conversions of templated
# module arguments (A2C::Tasks.to_bool/to_int/to_str) for the batch arg-coercion-ansible.py answers.
# Argument 1 is the libraries directory; values tagged {"float" => "1.5"} are Floats.
require 'json'
libdir = ARGV.fetch(0)
%w(a2c_jinja a2c_jinja_magic a2c_tasks).each { |f| require File.join(libdir, f) }

def decode(v)
  return Float(v['float']) if v.is_a?(Hash) && v.keys == ['float']
  return v.map { |x| decode(x) } if v.is_a?(Array)

  v
end

def encode(v)
  return { 'float' => A2C::Jinja.str(v) } if v.is_a?(Float)

  v
end

HELPERS = { 'bool' => :to_bool, 'int' => :to_int, 'str' => :to_str }.freeze
batch = JSON.parse($stdin.read)
out = batch['coerce'].map do |type, value|
  { 'ok' => encode(A2C::Tasks.public_send(HELPERS.fetch(type), decode(value), 'arg')) }
rescue A2C::Tasks::UnknownValue => e
  { 'error' => e.message.sub(/\Aansible2chef: /, '') }
end
$stdout.write(JSON.generate('coerce' => out))
