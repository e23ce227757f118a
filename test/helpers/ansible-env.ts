// The environment the tests run the real Ansible in. Debian's /usr/bin/python3 is the interpreter that
// has Ansible (the `python3` on PATH may be another); colour, retry files and the implicit-localhost
// warning are turned off so that what a test reads from the output is the play's own.
export function ansibleEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
    ANSIBLE_LOCALHOST_WARNING: 'False',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_NOCOLOR: '1',
    ...extra,
  };
}
