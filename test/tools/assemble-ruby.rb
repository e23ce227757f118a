# frozen_string_literal: true

# A2C::Assemble.from_fragments on the cases of test/support-cookbook/support-assemble.test.ts: stdin a JSON list of
# {src, delimiter, regexp, ignore_hidden}; stdout the base64 of each assembled content, or "error".
require 'json'
libs = ARGV.fetch(0)
%w[a2c_python_regex a2c_assemble].each { |f| require File.join(libs, f) }

out = JSON.parse($stdin.read).map do |c|
  content = A2C::Assemble.from_fragments(c['src'], delimiter: c['delimiter'], regexp: c['regexp'], ignore_hidden: c['ignore_hidden'] || false)
  [content].pack('m0')
rescue A2C::Assemble::Error, A2C::PythonRegex::Error
  'error'
end
print JSON.generate(out)
