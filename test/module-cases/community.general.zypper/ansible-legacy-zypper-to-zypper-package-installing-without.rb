# ansible.legacy.zypper -> zypper_package installing without recommends, no --oldpackage
# diagnostics: none

# tasks/main.yml:1 Install docker on SUSE
zypper_package %w(docker containerd) do
  allow_downgrade false
  options '--no-recommends'
end
