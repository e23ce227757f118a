# a package specifier (a version range) stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM zypper package specifier "git>=2.30" (a version range, '-' to remove, '*', an rpm file or URL) has no zypper_package equivalent
# tasks/main.yml:1 Pin git
#   - name: Pin git
#     zypper:
#       name: git>=2.30
