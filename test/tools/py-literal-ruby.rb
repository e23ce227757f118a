# The Ruby side of the literal_eval differential test: A2C::PyLiteral on each text, tagged as
# test/tools/py-literal-python.py tags Python's values.
require 'json'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_jinja'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_jinja_filters'
require_relative '../../src/support-cookbook/ruby/libraries/a2c_py_literal'

def tag(v)
  case v
  when true, false then ['b', v]
  when nil then ['n']
  when Integer then ['i', v.to_s]
  when Float then ['f', A2C::Jinja.float_repr(v)]
  when String then ['s', v]
  when A2C::Jinja::Tuple then ['t', v.map { |x| tag(x) }]
  when Array then ['l', v.map { |x| tag(x) }]
  when Hash then ['d', v.map { |k, x| [tag(k), tag(x)] }]
  else ['other', v.class.name]
  end
end

out = JSON.parse($stdin.read).map do |text|
  { 'value' => tag(A2C::PyLiteral.eval(text)) }
rescue A2C::PyLiteral::NotLiteral
  { 'text' => true }
rescue A2C::PyLiteral::Unsupported => e
  { 'unsupported' => e.message }
end
puts JSON.generate(out)
