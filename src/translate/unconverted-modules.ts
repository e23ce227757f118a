// Modules a Chef resource seems to cover but does not do the same: such a task stays a TODO
// (A2C-TODO-MODULE) whose diagnostic says what differs, rather than "not in the mapping table".
// Keyed by the FQCN the task runs.

const UNCONVERTED: ReadonlyMap<string, string> = new Map([
  [
    'ansible.posix.selinux',
    "Chef's selinux_state differs: it writes the whole SELinux config file from its own template " +
      '(other settings dropped, the file changed on its first run) where the module edits only the SELINUX= and ' +
      'SELINUXTYPE= lines, it leaves a running enforcing host enforcing until reboot where the module switches it ' +
      'to permissive when disabling, and it runs selinux-activate on Debian nodes',
  ],
]);

/** Why the module is not converted although Chef has a resource of the kind, or undefined. */
export function unconvertedModule(fqcn: string): string | undefined {
  return UNCONVERTED.get(fqcn);
}
