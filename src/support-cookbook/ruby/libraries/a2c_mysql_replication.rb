# frozen_string_literal: true

require_relative 'a2c_mysql'
require_relative 'a2c_mysql_query'

# community.mysql's mysql_replication (3.7), driven through the server's own `mysql` client: the same
# statements in the same order, the same result keys (the status row of SHOW MASTER / REPLICA STATUS with the
# Python types PyMySQL gives its columns, Is_Primary / Is_Replica, msg, queries) and the same `changed`.
module A2C
  module MySQL
    REPLICATION_MODES = %w(getprimary getreplica changeprimary stopreplica startreplica resetprimary resetreplica resetreplicaall).freeze
    # Column types PyMySQL returns as a Python int (its decoders for the integer field types).
    INTEGER_FIELD_TYPES = %w(TINY SHORT LONG LONGLONG INT24 YEAR).freeze
    # mode => [the statement's verb, the message when it ran, the message when the server refused it].
    REPLICA_STATEMENTS = {
      'startreplica' => ['START %s', 'Replica started ', 'Replica already started (Or cannot be started)'],
      'stopreplica' => ['STOP %s', 'Replica stopped', 'Replica already stopped'],
      'resetreplica' => ['RESET %s', 'Replica reset', 'Replica already reset'],
      'resetreplicaall' => ['RESET %s', 'Replica reset', 'Replica already reset'],
    }.freeze
    # changeprimary's options in the module's order: [argument, CHANGE MASTER option, how the value is written].
    CHANGE_OPTIONS = [
      %w(primary_host MASTER_HOST str), %w(primary_user MASTER_USER str), %w(primary_password MASTER_PASSWORD str),
      %w(primary_port MASTER_PORT int), %w(primary_connect_retry MASTER_CONNECT_RETRY int),
      %w(primary_log_file MASTER_LOG_FILE str), %w(primary_log_pos MASTER_LOG_POS int), %w(primary_delay MASTER_DELAY int),
      %w(relay_log_file RELAY_LOG_FILE str), %w(relay_log_pos RELAY_LOG_POS int), %w(primary_ssl MASTER_SSL bool),
      %w(primary_ssl_ca MASTER_SSL_CA str), %w(primary_ssl_capath MASTER_SSL_CAPATH str),
      %w(primary_ssl_cert MASTER_SSL_CERT str), %w(primary_ssl_key MASTER_SSL_KEY str),
      %w(primary_ssl_cipher MASTER_SSL_CIPHER str)
    ].freeze
    # Every changeprimary argument (the a2c_mysql_replication resource passes these on).
    CHANGE_PRIMARY_ARGS = (CHANGE_OPTIONS.map { |a, _, _| a.to_sym } +
                           %i(primary_ssl_verify_server_cert primary_auto_position primary_use_gtid)).freeze

    class Client
      # The first row of a SHOW statement as PyMySQL's DictCursor gives it: column name => value, integer
      # columns as Integers (their types read with the client's --column-type-info), nil for NULL; nil
      # without a row.
      def status_row(sql)
        require 'open3'
        env = @password.nil? ? {} : { 'MYSQL_PWD' => @password.to_s }
        out, err, status = Open3.capture3(env, *argv.reject { |a| a == '--skip-column-names' }, stdin_data: sql)
        raise Error, "#{err.strip} (in: #{sql})" unless status.success?

        lines = out.split("\n", -1)
        return if lines.length < 2 || lines[1].empty?

        names = lines[0].split("\t", -1)
        row = names.zip(lines[1].split("\t", -1).map { |v| unescape(v) }).to_h
        types = column_types(sql, env)
        row.to_h { |k, v| [k, !v.nil? && INTEGER_FIELD_TYPES.include?(types[k]) ? Integer(v, 10) : v] }
      end

      private

      # Column name => the client's type name (LONGLONG, VAR_STRING...): --column-type-info prints it only
      # with table output. The types of a SHOW statement's columns do not change between the two calls.
      def column_types(sql, env)
        out, err, status = Open3.capture3(env, *argv.reject { |a| %w(--batch --skip-column-names).include?(a) }, '--table',
                                          '--column-type-info', stdin_data: sql)
        raise Error, "#{err.strip} (in: #{sql})" unless status.success?

        types = {}
        name = nil
        out.each_line do |line|
          if (m = line.match(/\AField\s+\d+:\s+`(.*)`\s*\z/))
            name = m[1]
          elsif name && (m = line.match(/\AType:\s+(\S+)/))
            types[name] = m[1]
            name = nil
          end
        end
        types
      end
    end

    # Runs mysql_replication's mode; returns the module's result (changed added where the module leaves it
    # out, as Ansible adds it). Raises Error where the module fails.
    def self.replication(client, mode: 'getreplica', connection_name: nil, channel: nil, fail_on_error: false, **options)
      raise Error, "value of mode must be one of: #{REPLICATION_MODES.join(', ')}, got: #{mode}" unless REPLICATION_MODES.include?(mode)
      raise Error, 'parameters are mutually exclusive: connection_name|channel' if connection_name && channel

      version = client.value('SELECT VERSION()').to_s
      term = replica_terminology?(version) ? 'REPLICA' : 'SLAVE'
      case mode
      when 'getprimary' then status_result(client.status_row('SHOW MASTER STATUS'), 'Is_Primary', 'primary')
      when 'getreplica' then status_result(client.status_row(replica_clause("SHOW #{term}", connection_name, channel, ' STATUS')), 'Is_Replica', 'replica')
      when 'changeprimary' then change_primary(client, term, connection_name, channel, options)
      when 'resetprimary' then run_statement(client, 'RESET MASTER', fail_on_error, 'Primary reset', 'Primary already reset')
      else
        verb, ran, refused = REPLICA_STATEMENTS.fetch(mode)
        sql = replica_clause(format(verb, term), connection_name, channel, mode == 'resetreplicaall' ? ' ALL' : '')
        run_statement(client, sql, fail_on_error, ran, refused)
      end
    end

    # REPLICA from MariaDB 10.5.1 and MySQL 8.0.22 on (the module's uses_replica_terminology).
    def self.replica_terminology?(version)
      number = Gem::Version.new(version[/\A\d+(\.\d+)*/] || '0')
      number >= Gem::Version.new(version.downcase.include?('mariadb') ? '10.5.1' : '8.0.22')
    end

    # "VERB 'connection'<middle> FOR CHANNEL 'channel'", the names quoted as string literals (the module pastes
    # them between quotes unescaped, where a quote in a name is a syntax error).
    def self.replica_clause(verb, connection_name, channel, middle)
      sql = connection_name.to_s.empty? ? verb.dup : "#{verb} #{literal(connection_name)}"
      sql << middle
      sql << " FOR CHANNEL #{literal(channel)}" unless channel.to_s.empty?
      sql
    end

    def self.status_result(row, flag, role)
      return { 'changed' => false, flag => false, 'msg' => "Server is not configured as mysql #{role}", 'queries' => [] } if row.nil?

      { 'changed' => false }.merge(row).merge(flag => true, 'queries' => [])
    end

    # A statement the module runs and reports as changed when the server took it; a refusal is no change,
    # or (fail_on_error) a failure.
    def self.run_statement(client, sql, fail_on_error, ran, refused)
      client.query(sql)
      { 'changed' => true, 'msg' => ran, 'queries' => [sql] }
    rescue Error => e
      raise Error, "#{sql.split(/ '| FOR /).first} failed: #{e.message}" if fail_on_error

      { 'changed' => false, 'msg' => refused, 'queries' => [sql] }
    end

    # CHANGE MASTER TO with the options given, in the module's order; always changed when the server takes it.
    def self.change_primary(client, term, connection_name, channel, options)
      unknown = options.keys.map(&:to_sym) - CHANGE_PRIMARY_ARGS
      raise Error, "unsupported parameters: #{unknown.join(', ')}" unless unknown.empty?

      opts = options.transform_keys(&:to_s)
      chm = CHANGE_OPTIONS.filter_map do |arg, option, kind|
        value = opts[arg]
        next if value.nil?

        case kind
        when 'int' then "#{option}=#{Integer(value.to_s, 10)}"
        when 'bool' then "#{option}=#{value ? 1 : 0}"
        else "#{option}=#{literal(value)}"
        end
      end
      chm << 'SOURCE_SSL_VERIFY_SERVER_CERT=1' if opts['primary_ssl_verify_server_cert']
      chm << 'MASTER_AUTO_POSITION=1' if opts['primary_auto_position']
      gtid = opts['primary_use_gtid']
      unless gtid.nil?
        raise Error, "value of primary_use_gtid must be one of: current_pos, replica_pos, disabled, got: #{gtid}" unless %w(current_pos replica_pos disabled).include?(gtid)

        gtid = 'no' if gtid == 'disabled'
        gtid = 'slave_pos' if gtid == 'replica_pos' && term == 'SLAVE'
        chm << "MASTER_USE_GTID=#{gtid}"
      end
      head = connection_name.to_s.empty? ? 'CHANGE MASTER TO ' : "CHANGE MASTER #{literal(connection_name)} TO "
      sql = head + chm.join(',')
      sql << " FOR CHANNEL #{literal(channel)}" unless channel.to_s.empty?
      begin
        client.query(sql)
      rescue Error => e
        raise Error, "#{e.message}. Query == CHANGE MASTER TO #{chm}"
      end
      { 'changed' => true, 'queries' => [sql] }
    end

    # The module's result as Ansible returns it, or its failure (an Error): the values of the module's no_log
    # arguments (login_password, primary_password) masked in every value and message (AnsibleModule's
    # remove_values; keys are left alone).
    def self.replication_result(login, args)
      secrets = [login[:login_password], args[:primary_password]].compact.map(&:to_s).reject(&:empty?)
      begin
        mask_no_log(replication(Client.new(**login), **args), secrets)
      rescue Error => e
        raise Error, mask_no_log(e.message, secrets)
      end
    end

    def self.mask_no_log(value, secrets)
      return value if secrets.empty?

      case value
      when Hash then value.transform_values { |v| mask_no_log(v, secrets) }
      when Array then value.map { |v| mask_no_log(v, secrets) }
      when String
        return 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' if secrets.include?(value)

        secrets.reduce(value) { |acc, elem| acc.gsub(elem, '*' * 8) }
      else
        text = { true => 'True', false => 'False', nil => 'None' }.fetch(value) { value.to_s }
        secrets.any? { |s| text.include?(s) } ? 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER' : value
      end
    end

    # A registered mysql_replication: the module's result kept under the name (node.run_state, A2C::Tasks);
    # a failure fails the run unless ignore_errors, after it is stored.
    def self.register_replication(run_state, name, ignore_errors: false, **args)
      result =
        begin
          { 'failed' => false }.merge(replication_result(args.slice(*LOGIN_KEYS), args.except(*LOGIN_KEYS)))
        rescue Error => e
          { 'changed' => false, 'failed' => true, 'msg' => e.message }
        end
      A2C::Tasks.store(run_state, name, result)
      raise "ansible2chef: mysql_replication failed: #{result['msg']}" if result['failed'] && !ignore_errors

      result
    end
  end
end
