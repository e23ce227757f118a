# executable-templated-runs-it-with-c
# diagnostics: A2C-TODO-PARAM

# tasks/main.yml:1 Initialise the repository with the shell a variable names
execute 'Initialise the repository with the shell a variable names' do
  command [
    A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'shell_path')),
    '-c',
    "set -o pipefail\nrestic init | tee /var/log/restic-init.log\n",
  ]
  creates '/var/log/restic-init.log'
end

# TODO(ansible2chef): A2C-TODO-PARAM a shell executable that may be omitted is not converted
# tasks/main.yml:9 An executable that may be omitted stays a TODO
#   - name: An executable that may be omitted stays a TODO
#     ansible.builtin.shell: echo hi
#     args:
#       executable: "{{ shell_path | default(omit) }}"
