# expires-negative-is-a-todo
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM user expires below 0 removes the expiry (usermod -e ''), which Chef's expire_date cannot ask for
# tasks/main.yml:1 Never expires
#   - name: Never expires
#     user:
#       name: guest
#       expires: -1
