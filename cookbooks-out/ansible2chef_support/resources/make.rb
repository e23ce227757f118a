# frozen_string_literal: true
#
# a2c_make: community.general.make (libraries/a2c_make.rb): make runs only when `make -q` says the
# target is not up to date, with the module's command line. Why-run asks `make -q` only.
unified_mode true
provides :a2c_make

description 'Runs make for a target when `make -q` says it is not up to date, as community.general.make does.'

property :chdir, String, required: true, description: 'The directory make runs in.'
property :target, String, description: 'The target (none: the Makefile\'s default).'
# Not `params`: Chef::Resource has a params accessor of its own.
property :make_params, Hash, description: 'Variables passed as key=value (Ansible params).'
property :file, String, description: 'The Makefile (make -f).'
property :jobs, Integer, description: 'make -j.'
property :make, String, description: 'The make program (default: gmake where the node has it, else make).'

action :run do
  description 'Run make unless `make -q` says the target is up to date.'

  r = new_resource
  args = { chdir: r.chdir, target: r.target, params: r.make_params, file: r.file, jobs: r.jobs, make: r.make }
  if A2C::Make.run(**args, dry_run: true)['changed']
    converge_by("make #{r.target || '(default target)'} in #{r.chdir}") do
      A2C::Make.run(**args)
    end
  end
end
