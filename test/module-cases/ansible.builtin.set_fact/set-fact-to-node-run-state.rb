# set_fact -> node.run_state
# diagnostics: none

# tasks/main.yml:1 Remember the VIP
node.run_state['vip'] = 'fd00::1'
