# frozen_string_literal: true
#
# a2c_debconf: ansible.builtin.debconf, through debconf-show and debconf-set-selections
# (libraries/a2c_debconf.rb), with the module's comparison of the current answer.
unified_mode true
provides :a2c_debconf

description 'Pre-seeds a debconf answer, as ansible.builtin.debconf does.'

property :package_name, String, name_property: true, description: 'The package owning the question (Ansible name/pkg).'
property :question, String, description: 'Ansible question/selection/setting.'
property :vtype, String, equal_to: %w(boolean error multiselect note password seen select string text title)
property :value, String, description: 'Ansible value/answer.'
property :unseen, [true, false], default: false

action :manage do
  description 'Write the answer with debconf-set-selections when it differs from what debconf-show reports.'

  r = new_resource
  args = { name: r.package_name, question: r.question, vtype: r.vtype, value: r.value, unseen: r.unseen }
  if A2C::Debconf.manage(**args, dry_run: true)['changed']
    converge_by("set debconf #{r.package_name} #{r.question} to #{r.vtype == 'password' ? '(hidden)' : r.value}") do
      A2C::Debconf.manage(**args)
    end
  end
end
