# a substitution, seuser, absent without setype, no reload and an unknown ftype stay TODOs
# diagnostics: A2C-TODO-PARAM, A2C-TODO-PARAM, A2C-TODO-PARAM, A2C-TODO-PARAM, A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'substitute' of community.general.sefcontext: a path substitution (semanage fcontext -e) has no property of Chef's selinux_fcontext
# tasks/main.yml:1 Same labels as /var/www
#   - name: Same labels as /var/www
#     community.general.sefcontext:
#       target: /srv/www
#       substitute: /var/www

# TODO(ansible2chef): A2C-TODO-PARAM argument 'seuser' of community.general.sefcontext: the SELinux user of the record has no property of Chef's selinux_fcontext
# tasks/main.yml:5 A record with its own user
#   - name: A record with its own user
#     community.general.sefcontext:
#       target: '/srv/data(/.*)?'
#       setype: public_content_t
#       seuser: staff_u

# TODO(ansible2chef): A2C-TODO-PARAM sefcontext absent without setype also deletes a path substitution of the target, which selinux_fcontext does not: give setype
# tasks/main.yml:10 Forget the web root label
#   - name: Forget the web root label
#     community.general.sefcontext:
#       target: '/srv/www(/.*)?'
#       state: absent

# TODO(ansible2chef): A2C-TODO-PARAM argument 'reload' of community.general.sefcontext: semanage reloads the policy after the change; a change without a reload is not converted
# tasks/main.yml:14 No reload
#   - name: No reload
#     community.general.sefcontext:
#       target: '/srv/cache(/.*)?'
#       setype: httpd_cache_t
#       reload: false

# TODO(ansible2chef): A2C-TODO-PARAM ftype: x is not converted (community.general.sefcontext converts a, b, c, d, f, l, p, s)
# tasks/main.yml:19 An ftype Chef does not know
#   - name: An ftype Chef does not know
#     community.general.sefcontext:
#       target: /srv/x
#       ftype: x
#       setype: httpd_cache_t
