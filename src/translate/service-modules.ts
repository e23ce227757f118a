// Modules that drive a service's API (a cloud, a secret store, a database server, a message broker,
// an ACME CA, the Docker daemon and its registries, a monitoring server) rather than the node's own state. No mapping holds one, and a plain Chef resource cannot
// stand in for any: converting such a task takes a cookbook for that service. Its TODO says so
// (A2C-TODO-SERVICE-MODULE), so the report can tell it from work the converter has left.
// PostgreSQL's and MongoDB's modules log in to the server (postgresql_pg_hba edits a file on the
// node instead, mongodb_linux tunes the node's kernel); Zabbix's drive the Zabbix server's API.
// Of community.crypto's, only those that talk to a CA or a server (ACME, Entrust, get_certificate's
// TLS peer) do: the others read or write keys, requests and certificates in the node's files
// (x509_certificate_info parses one), work the converter has left, as Chef's openssl_* resources show.
const SERVICE_MODULE =
  /^(openstack\.|community\.hashi_vault\.|ec2\b|(community\.mysql\.)?mysql_|community\.rabbitmq\.|(community\.crypto\.)?(acme_|ecs_|get_certificate$)|(community\.docker\.)?docker_|(community\.postgresql\.)?postgresql_(?!pg_hba$)|(community\.mongodb\.)?mongodb_(?!linux$)|(community\.zabbix\.)?zabbix_)/;

/** Is the module (as written in the task: short name or FQCN) one that drives a service API? */
export function drivesServiceApi(moduleAsWritten: string): boolean {
  return SERVICE_MODULE.test(moduleAsWritten);
}
