# frozen_string_literal: true
#
# Partial (`use '_rabbitmqctl'`): the rabbitmq_* resources run the module's steps through rabbitmqctl
# (libraries/a2c_rabbitmq.rb). Chef skips resource files whose name starts with '_'.
action_class do
  # Runs the steps once against a rabbitmqctl that only reads and counts the writes it would make; any
  # write means a change, made for real inside converge_by (so why-run changes nothing).
  def rabbitmq_converge(what, **ctl_options)
    preview = A2C::RabbitMQ::Ctl.new(**ctl_options, dry_run: true)
    yield preview
    converge_by(what) { yield A2C::RabbitMQ::Ctl.new(**ctl_options) } if preview.writes.positive?
  end
end
