# hostname set
# diagnostics: none

# tasks/main.yml:1 Name the host
hostname 'controller1'
