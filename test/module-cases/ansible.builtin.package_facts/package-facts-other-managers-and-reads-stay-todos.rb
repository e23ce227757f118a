# package-facts-other-managers-and-reads-stay-todos
# diagnostics: A2C-TODO-PARAM, A2C-TODO-PARAM, A2C-TODO-REGISTER, A2C-TODO-JINJA, A2C-TODO-JINJA

# TODO(ansible2chef): A2C-TODO-PARAM package_facts manager rpm with strategy first: only the apt manager's list is converted (manager auto with strategy first, or apt)
# tasks/main.yml:1 RPM database
#   - name: RPM database
#     package_facts:
#       manager: rpm

# TODO(ansible2chef): A2C-TODO-PARAM package_facts manager auto with strategy all: only the apt manager's list is converted (manager auto with strategy first, or apt)
# tasks/main.yml:4 Every manager
#   - name: Every manager
#     package_facts:
#       strategy: all

# TODO(ansible2chef): A2C-TODO-REGISTER package_facts under a condition or in a loop is not converted (a skipped task leaves 'packages' as it was)
# tasks/main.yml:7 Under a condition
#   - name: Under a condition
#     package_facts:
#     when: refresh_packages | bool

# TODO(ansible2chef): A2C-TODO-JINJA Jinja not translated: fact 'ansible_facts.packages' converts only as the container of a membership test ('x' in ansible_facts.packages): its values lack fields the module reads from elsewhere (mappings/facts.toml) (fact:packages.bash.0.origin)
# tasks/main.yml:10 Read the origin
#   - name: Read the origin
#     debug:
#       msg: "{{ ansible_facts.packages['bash'][0].origin }}"

# TODO(ansible2chef): A2C-TODO-JINJA Jinja not translated: 'ansible_packages' is undefined in Ansible: the module sets 'ansible_facts.packages' and 'packages' (fact:packages)
# tasks/main.yml:13 Not a variable in Ansible
#   - name: Not a variable in Ansible
#     debug:
#       msg: "{{ 'bash' in ansible_packages }}"
