// The typed translators a table entry can name with `translator = "..."`.
import type { ModuleTranslator } from './types.js';
import { pacmanModule, packageModule, systemdModule, yumModule, zypperModule, zypperRepositoryModule } from './packages.js';
import { copyModule, fileModule, templateModule, unarchiveModule } from './files.js';
import { commandModule, pipModule } from './commands.js';
import {
  assertModule,
  debugModule,
  failModule,
  findModule,
  serviceFactsModule,
  metaModule,
  pauseModule,
  setFactModule,
  slurpModule,
  statModule,
  waitForModule,
} from './control.js';
import { uriModule } from './uri.js';
import { packageFactsModule } from './package-facts.js';
import { mysqlQueryModule } from './mysql-query.js';
import { mysqlReplicationModule } from './mysql-replication.js';
import { yumRepositoryModule } from './yum-repository.js';
import { includeRoleModule, includeTasksModule } from './includes.js';
import {
  aptKeyModule,
  aptRepositoryModule,
  cronModule,
  deb822Module,
  modprobeModule,
  privateKeyModule,
  sebooleanModule,
  seportModule,
  sefcontextModule,
  x509Module,
} from './system.js';
import { includeVarsModule } from './include-vars.js';
import { getUrlModule } from './get-url.js';
import { mountModule } from './mount.js';
import { gitModule } from './git.js';
import { alternativesModule } from './alternatives.js';
import { userModule } from './user.js';
import { dpkgDivertModule, rpmKeyModule } from './dpkg-divert.js';
import { authorizedKeyModule } from './authorized-key.js';
import { dpkgSelectionsModule, yumVersionlockModule } from './package-locks.js';

export const TRANSLATORS: ReadonlyMap<string, ModuleTranslator> = new Map<string, ModuleTranslator>([
  ['package', packageModule],
  ['zypper', zypperModule],
  ['zypper_repository', zypperRepositoryModule],
  ['pacman', pacmanModule],
  ['yum', yumModule],
  ['systemd', systemdModule],
  ['template', templateModule],
  ['copy', copyModule],
  ['file', fileModule],
  ['unarchive', unarchiveModule],
  ['command', commandModule],
  ['pip', pipModule],
  ['debug', debugModule],
  ['fail', failModule],
  ['assert', assertModule],
  ['set_fact', setFactModule],
  ['stat', statModule],
  ['slurp', slurpModule],
  ['find', findModule],
  ['service_facts', serviceFactsModule],
  ['package_facts', packageFactsModule],
  ['pause', pauseModule],
  ['meta', metaModule],
  ['wait_for', waitForModule],
  ['uri', uriModule],
  ['mysql_query', mysqlQueryModule],
  ['mysql_replication', mysqlReplicationModule],
  ['include_tasks', includeTasksModule],
  ['include_role', includeRoleModule],
  ['include_vars', includeVarsModule],
  ['cron', cronModule],
  ['modprobe', modprobeModule],
  ['seboolean', sebooleanModule],
  ['seport', seportModule],
  ['sefcontext', sefcontextModule],
  ['apt_repository', aptRepositoryModule],
  ['apt_key', aptKeyModule],
  ['deb822_repository', deb822Module],
  ['yum_repository', yumRepositoryModule],
  ['openssl_privatekey', privateKeyModule],
  ['x509_certificate', x509Module],
  ['get_url', getUrlModule],
  ['mount', mountModule],
  ['git', gitModule],
  ['alternatives', alternativesModule],
  ['user', userModule],
  ['dpkg_divert', dpkgDivertModule],
  ['dpkg_selections', dpkgSelectionsModule],
  ['yum_versionlock', yumVersionlockModule],
  ['rpm_key', rpmKeyModule],
  ['authorized_key', authorizedKeyModule],
]);
