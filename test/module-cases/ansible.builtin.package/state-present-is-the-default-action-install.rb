# state: present is the default action (install)
# diagnostics: none

# tasks/main.yml:1 Install chrony
package 'chrony'
