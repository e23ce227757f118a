# frozen_string_literal: true

# Runs the ruby_block bodies of converted `until` tasks (A2C::Tasks.register_until calls, as the
# recipe prints them) for test/translate/task/until-condition.test.ts, and prints the results they
# registered. Argument 1 is the support cookbook's libraries directory; stdin is
# {"blocks": [ruby source], "names": [registered name]}. Prints {"results": {name: result}, "raised": [message or null]}.
require 'json'
libdir = ARGV.fetch(0)
Dir[File.join(libdir, '*.rb')].sort.each { |f| require f }

# What a recipe's ruby_block sees of the node: its run_state.
FakeNode = Struct.new(:run_state)
batch = JSON.parse($stdin.read)
node = FakeNode.new({})
raised = batch['blocks'].map do |source|
  # The block body reads `node`, as in the recipe: here the local above.
  eval(source, binding) # rubocop:disable Security/Eval
  nil
rescue StandardError => e
  e.message
end
results = batch['names'].to_h { |n| [n, A2C::Tasks.registered(node.run_state, n)] }
$stdout.write(JSON.generate('results' => results, 'raised' => raised))
