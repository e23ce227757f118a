# deb from a URL (the module downloads it first) stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM apt deb from a URL: the module downloads the file first; download it with remote_file and install it with dpkg_package by hand
# tasks/main.yml:1 Install hatop
#   - name: Install hatop
#     apt:
#       deb: https://example.org/pool/hatop_0.8.2_all.deb
