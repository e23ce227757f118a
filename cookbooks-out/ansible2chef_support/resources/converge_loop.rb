# frozen_string_literal: true
#
# a2c_converge_loop: a task's loop whose list is a registered result. Chef declares a recipe's
# resources when the recipe compiles, before any task has run and registered anything; Ansible
# templates the loop's list when the task's turn comes. The `declare` block holds the task's loop
# and its resources as the recipe would hold them, and runs when this resource converges, at the
# task's place in the run: the list is read then, and the resources it declares converge at once,
# in order (unified mode), before the run goes on to the next resource of the recipe.
unified_mode true
provides :a2c_converge_loop

description 'Declares (and converges) the resources of a loop whose list exists only at converge time.'

# Not a property: a block of recipe code (as ruby_block's `block`), kept to run in the action.
def declare(&block)
  @declare = block if block
  @declare
end

action :run do
  description 'Run the declare block as recipe code; this resource is updated when a resource it declared was.'

  raise ArgumentError, "#{new_resource} has no declare block" unless new_resource.declare

  # The block reads the recipe's locals (its closure) and declares resources on this action, so
  # they converge here; Chef marks this resource updated when one of them was.
  instance_exec(&new_resource.declare)
end
