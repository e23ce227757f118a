# frozen_string_literal: true

require 'digest'

# community.mysql's mysql_db and mysql_user, driven through the server's own `mysql` client, with the
# modules' semantics: what exists is read first, only missing or different state is written, and
# `changed` says whether anything was. The SQL the module sends through PyMySQL is sent on the client's
# stdin (never on its command line, where `ps` would show passwords).
module A2C
  module MySQL
    class Error < StandardError; end

    # One `mysql` process per statement, connected as the modules connect: the login_* arguments,
    # else the config file (~/.my.cnf), else the client's defaults.
    class Client
      def initialize(login_user: nil, login_password: nil, login_host: 'localhost', login_port: 3306,
                     login_unix_socket: nil, config_file: '~/.my.cnf', connect_timeout: 30, check_hostname: nil)
        @user = login_user
        @password = login_password
        @host = login_host || 'localhost'
        @port = login_port || 3306
        @socket = login_unix_socket
        @config_file = config_file
        @timeout = connect_timeout
        @check_hostname = check_hostname
      end

      # Rows of the statement's result, each an Array of Strings (nil for SQL NULL).
      def query(sql)
        require 'open3'
        env = @password.nil? ? {} : { 'MYSQL_PWD' => @password.to_s }
        out, err, status = Open3.capture3(env, *argv, stdin_data: sql)
        raise Error, "#{err.strip} (in: #{sql.lines.first&.strip})" unless status.success?

        out.split("\n").map { |line| line.split("\t", -1).map { |v| unescape(v) } }
      end

      def value(sql)
        query(sql).dig(0, 0)
      end

      private

      def argv
        config = @config_file && ::File.expand_path(@config_file)
        args = ['mysql', config && ::File.exist?(config) ? "--defaults-file=#{config}" : '--no-defaults',
                '--batch', '--skip-column-names', "--connect-timeout=#{@timeout}"]
        args << "--user=#{@user}" unless @user.nil?
        # The client does not verify the server's certificate unless told to (check_hostname false is its default).
        args << '--ssl-verify-server-cert' if @check_hostname == true
        if @socket.nil? || @socket.empty?
          args.push("--host=#{@host}", "--port=#{@port}")
        else
          args << "--socket=#{@socket}"
        end
        args
      end

      # --batch output escapes tab, newline, backslash and NUL, and prints SQL NULL as NULL.
      def unescape(field)
        return if field == 'NULL'

        field.gsub(/\\(.)/) { { 'n' => "\n", 't' => "\t", '0' => "\0", '\\' => '\\' }.fetch(::Regexp.last_match(1), ::Regexp.last_match(0)) }
      end
    end

    # A string literal, escaped as PyMySQL escapes the arguments it interpolates.
    def self.literal(value)
      escaped = value.to_s.gsub(/[\0\n\r\\'"\x1a]/) do |c|
        { "\0" => '\\0', "\n" => '\\n', "\r" => '\\r', '\\' => '\\\\', "'" => "\\'", '"' => '\\"', "\x1a" => '\\Z' }.fetch(c)
      end
      "'#{escaped}'"
    end

    # A quoted identifier (database.sql's mysql_quote_identifier for one database name).
    def self.identifier(name)
      "`#{name.to_s.gsub('`', '``')}`"
    end

    # --- mysql_db ---------------------------------------------------------------------------------

    # state present/absent for a list of databases (the module's other states are not converted).
    def self.database(client, names:, state: 'present', encoding: '', collation: '', check_mode: false)
      names = Array(names).map { |n| n.to_s.strip }
      return { 'changed' => false, 'db' => '', 'db_list' => [] } if names.empty?
      raise Error, "name is not allowed to equal 'all' unless state equals import, or dump." if names == ['all']
      raise Error, "state #{state} is not converted" unless %w(present absent).include?(state)

      existing = names.select do |n|
        client.value("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = #{literal(n)}").to_i.positive?
      end
      todo = state == 'present' ? names - existing : existing
      unless check_mode
        todo.each do |n|
          if state == 'present'
            sql = "CREATE DATABASE #{identifier(n)}"
            sql += " CHARACTER SET #{literal(encoding)}" unless encoding.to_s.empty?
            sql += " COLLATE #{literal(collation)}" unless collation.to_s.empty?
          else
            sql = "DROP DATABASE #{identifier(n)}"
          end
          client.query(sql)
        end
      end
      { 'changed' => !todo.empty?, 'db' => names.join(' '), 'db_list' => names }
    end

    # --- mysql_user -------------------------------------------------------------------------------

    # The user's state as mysql_user (community.mysql 3.x, MariaDB >= 10.2 / MySQL 5.7+) sets it.
    # Returns the module's result: changed, msg, password_changed, user.
    def self.user(client, user:, host: 'localhost', password: nil, encrypted: false, priv: nil,
                  append_privs: false, subtract_privs: false, state: 'present', update_password: 'always',
                  tls_requires: nil, column_case_sensitive: false, resource_limits: nil, check_mode: false)
      raise Error, 'parameters are mutually exclusive: append_privs|subtract_privs' if append_privs && subtract_privs

      host = host.to_s.downcase
      by_password = supports_identified_by_password?(client)
      tls = sanitize_requires(tls_requires)
      priv = priv.map { |k, v| "#{k}:#{v}" }.join('/') if priv.is_a?(Hash)
      wanted = priv.nil? || priv == '' ? nil : privileges_unpack(priv, ansi_mode?(client), ensure_usage: !subtract_privs, column_case_sensitive: column_case_sensitive)
      result = { 'user' => user, 'password_changed' => false }
      exists = client.value("SELECT count(*) FROM mysql.user WHERE user = #{literal(user)} AND host = #{literal(host)}").to_i.positive?
      if state == 'absent'
        client.query("DROP USER IF EXISTS #{account(user, host)}") if exists && !check_mode
        return result.merge('changed' => exists, 'msg' => exists ? 'User deleted' : "User doesn't exist")
      end
      if exists
        result.merge!(user_mod(client, user, host, update_password == 'always' ? password : nil, encrypted, wanted,
                               append_privs, subtract_privs, tls, check_mode))
      else
        wanted = nil if subtract_privs
        result.merge!(user_add(client, user, host, password, encrypted, wanted, tls, update_password, by_password, check_mode))
      end
      if resource_limits && !resource_limits.empty? && limit_resources(client, user, host, resource_limits, check_mode)
        result['changed'] = true
      end
      result
    end

    LIMIT_COLUMNS = {
      'MAX_QUERIES_PER_HOUR' => 'max_questions', 'MAX_UPDATES_PER_HOUR' => 'max_updates',
      'MAX_CONNECTIONS_PER_HOUR' => 'max_connections', 'MAX_USER_CONNECTIONS' => 'max_user_connections'
    }.freeze

    # resource_limits as limit_resources sets them: the limits that differ, in one ALTER USER.
    def self.limit_resources(client, user, host, limits, check_mode)
      mariadb = client.value('SELECT VERSION()').to_s.downcase.include?('mariadb')
      raise Error, 'MAX_STATEMENT_TIME resource limit is only supported by MariaDB.' if !mariadb && limits.key?('MAX_STATEMENT_TIME')

      columns = LIMIT_COLUMNS.merge(mariadb ? { 'MAX_STATEMENT_TIME' => 'max_statement_time' } : {})
      row = client.query("SELECT #{columns.values.join(', ')} FROM mysql.user WHERE User = #{literal(user)} AND Host = #{literal(host)}").first
      current = row && columns.keys.zip(row).to_h
      change = limits.each_with_object({}) do |(key, val), out|
        key = key.to_s
        raise Error, "resource_limits: key '#{key}' is unsupported." if current && !current.key?(key)

        want = Integer(val.to_s, 10)
      rescue ArgumentError
        raise Error, "Can't convert value '#{val}' to integer."
      else
        out[key] = want if current.nil? || current[key].nil? || Rational(current[key]) != want
      end
      return false if change.empty?
      return true if check_mode

      client.query("ALTER USER #{account(user, host)} WITH #{change.map { |k, v| "#{k} #{v}" }.join(' ')}")
      true
    end

    def self.account(user, host)
      "#{literal(user)}@#{literal(host)}"
    end

    # The module's SQL for servers from MariaDB 10.2 and MySQL 5.7 on (older ones are out of support).
    # IDENTIFIED BY PASSWORD is gone from MySQL 8.
    def self.supports_identified_by_password?(client)
      version = client.value('SELECT VERSION()').to_s
      number = Gem::Version.new(version[/\A\d+(\.\d+)*/] || '0')
      mariadb = version.downcase.include?('mariadb')
      raise Error, "mysql_user is converted for MariaDB >= 10.2 and MySQL >= 5.7, not #{version}" if number < Gem::Version.new(mariadb ? '10.2' : '5.7')

      mariadb || number < Gem::Version.new('8')
    end

    def self.ansi_mode?(client)
      client.value('SELECT @@GLOBAL.sql_mode').to_s.include?('ANSI')
    end

    # MySQL's native password hash: '*' and the upper-case hex SHA1 of the binary SHA1.
    def self.native_hash(password)
      "*#{Digest::SHA1.hexdigest(Digest::SHA1.digest(password.to_s)).upcase}"
    end

    def self.hash?(password)
      password.length == 41 && password.start_with?('*') && password[1..].match?(/\A\h+\z/)
    end

    def self.user_add(client, user, host, password, encrypted, wanted, tls, update_password, by_password, check_mode)
      return { 'changed' => true, 'password_changed' => nil, 'msg' => 'User added' } if check_mode

      reused = update_password == 'on_new_username' ? existing_authentication(client, user) : nil
      sql = "CREATE USER #{account(user, host)}"
      if reused
        sql += " IDENTIFIED WITH #{literal(reused[0])} AS #{literal(reused[1])}"
      elsif password && password != '' && encrypted && by_password
        sql += " IDENTIFIED BY PASSWORD #{literal(password)}"
      elsif password && password != '' && encrypted
        sql += " IDENTIFIED WITH mysql_native_password AS #{literal(password)}"
      elsif password && password != ''
        sql += " IDENTIFIED WITH mysql_native_password AS #{literal(native_hash(password))}"
      end
      sql += requires_clause(tls)
      client.query(sql)
      wanted&.each { |db_table, privs| grant(client, user, host, db_table, privs) }
      { 'changed' => true, 'password_changed' => reused.nil?, 'msg' => 'User added' }
    end

    # The plugin and authentication string when all of the user's accounts share exactly one.
    def self.existing_authentication(client, user)
      rows = client.query(
        'select plugin, auth from (select plugin, password as auth from mysql.user where user=' \
        "#{literal(user)} union select plugin, authentication_string as auth from mysql.user where user=" \
        "#{literal(user)}) x group by plugin, auth limit 2"
      )
      rows.length == 1 ? rows[0] : nil
    end

    def self.user_mod(client, user, host, password, encrypted, wanted, append, subtract, tls, check_mode)
      changed = false
      msg = 'User unchanged'
      password_changed = false
      if password && password != ''
        current = current_hash(client, user, host)
        if encrypted
          raise Error, 'encrypted was specified however it does not appear to be a valid hash expecting: *SHA1(SHA1(your_password))' unless hash?(password)

          hashed = password
        else
          hashed = native_hash(password)
        end
        if current != hashed
          password_changed = true
          msg = 'Password updated (new style)'
          return { 'changed' => true, 'msg' => 'Password updated', 'password_changed' => true } if check_mode

          client.query("ALTER USER #{account(user, host)} IDENTIFIED WITH mysql_native_password AS #{literal(hashed)}")
          changed = true
        end
      end
      unless wanted.nil?
        priv = privileges_mod(client, user, host, wanted, append, subtract, check_mode)
        return { 'changed' => true, 'msg' => priv, 'password_changed' => password_changed } if check_mode && priv

        if priv
          changed = true
          msg = priv
        end
      end
      if current_requires(client, user, host) != tls
        return { 'changed' => true, 'msg' => 'TLS requires updated', 'password_changed' => password_changed } if check_mode

        client.query("ALTER USER #{account(user, host)}#{tls.nil? ? ' REQUIRE NONE' : requires_clause(tls)}")
        changed = true
        msg = 'TLS requires updated'
      end
      { 'changed' => changed, 'msg' => msg, 'password_changed' => password_changed }
    end

    # The stored hash, from Password or authentication_string (whichever the server has and fills).
    def self.current_hash(client, user, host)
      columns = "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'mysql' AND " \
                "TABLE_NAME = 'user' AND COLUMN_NAME IN ('Password', 'authentication_string') ORDER BY COLUMN_NAME"
      a = client.value("#{columns} DESC LIMIT 1")
      b = client.value("#{columns} ASC LIMIT 1")
      client.value(
        "SELECT COALESCE(CASE WHEN #{a} = '' THEN NULL ELSE #{a} END, CASE WHEN #{b} = '' THEN NULL ELSE #{b} END) " \
        "FROM mysql.user WHERE user = #{literal(user)} AND host = #{literal(host)}"
      )
    end

    # Revokes and grants what differs, as user_mod does; the message when something changed, else nil.
    def self.privileges_mod(client, user, host, wanted, append, subtract, check_mode)
      before = privileges_get(client, user, host)
      msg = nil
      changed = false
      grant_option = false
      unless append || subtract
        before.each do |db_table, privs|
          grant_option = true if privs.include?('GRANT')
          next if wanted.key?(db_table) || user == 'root' || privs.include?('PROXY')
          return 'Privileges updated' if check_mode

          revoke(client, user, host, db_table, privs, grant_option)
          changed = true
          msg = 'Privileges updated'
        end
      end
      unless subtract
        wanted.each do |db_table, privs|
          next if before.key?(db_table)
          return 'New privileges granted' if check_mode

          grant(client, user, host, db_table, privs)
          changed = true
          msg = 'New privileges granted'
        end
      end
      (wanted.keys & before.keys).each do |db_table|
        want = wanted[db_table]
        have = before[db_table]
        if append
          grants = want - have
          revokes = []
        elsif subtract
          grants = []
          revokes = want & have
        else
          grants = want - have
          revokes = have - want
          revokes &= %w(GRANT PROXY) if grants.include?('ALL') || grants.include?('ALL PRIVILEGES')
          grant_option = revokes.include?('GRANT') && !grants.include?('GRANT')
        end
        grants << 'USAGE' if grants == ['GRANT']
        next if grants.empty? && revokes.empty?

        msg = "Privileges updated: granted #{grants}, revoked #{revokes}"
        return msg if check_mode

        revoke(client, user, host, db_table, revokes, grant_option) unless revokes.empty?
        grant(client, user, host, db_table, grants) unless grants.empty?
      end
      # The module compares the grants before and after: a grant the server already held is no change.
      changed ||= privileges_get(client, user, host) != before
      changed ? msg || 'Privileges updated' : nil
    end

    def self.grant(client, user, host, db_table, privs)
      list = privs.reject { |p| p == 'GRANT' }.join(',')
      sql = "GRANT #{list} ON #{db_table} TO #{account(user, host)}"
      sql += ' WITH GRANT OPTION' if privs.include?('GRANT')
      client.query(sql)
    rescue Error => e
      raise Error, "Error granting privileges, invalid priv string: #{list}: #{e.message}"
    end

    def self.revoke(client, user, host, db_table, privs, grant_option)
      client.query("REVOKE GRANT OPTION ON #{db_table} FROM #{account(user, host)}") if grant_option
      list = privs.reject { |p| p == 'GRANT' }.join(',')
      client.query("REVOKE #{list} ON #{db_table} FROM #{account(user, host)}") unless list.empty?
      client.query('FLUSH PRIVILEGES')
    end

    GRANT_LINE = /\AGRANT (.+) ON (.+) TO (['`"]).*\3@(['`"]).*\4( IDENTIFIED BY PASSWORD (['`"]).+\6)? ?(.*)/

    # SHOW GRANTS parsed into { 'db.table' => [privileges] }, as privileges_get parses it.
    def self.privileges_get(client, user, host)
      out = {}
      client.query("SHOW GRANTS FOR #{account(user, host)}").each do |(line)|
        m = GRANT_LINE.match(line)
        if m.nil?
          next if line.match?(/\AGRANT (.+) TO (['`"])/) # a role granted to the user

          raise Error, "unable to parse the MySQL grant string: #{line}"
        end
        privs = normalize_col_grants(m[1].split(',').map { |p| p.strip == 'ALL PRIVILEGES' ? 'ALL' : p.strip })
        privs << 'GRANT' if m[7].include?('WITH GRANT OPTION')
        (out[m[2]] ||= []).concat(privs)
      end
      out
    end

    # The module's priv syntax ('db.table:PRIV,PRIV/db2.*:ALL') as { 'db.table' => [privileges] }.
    # column_case_sensitive (community.mysql 3.8 on): column names keep their case, privilege names do not.
    def self.privileges_unpack(priv, ansi, ensure_usage: true, column_case_sensitive: false)
      quote = ansi ? '"' : '`'
      out = {}
      priv.strip.split('/').each do |item|
        target, privs = rsplit(item.strip, ':')
        raise Error, "invalid privileges string: #{item}" if privs.nil?

        parts = rsplit(target, '.').compact
        object_type = ''
        words = parts[0].split(' ', 2)
        if words.length > 1 && %w(FUNCTION PROCEDURE).include?(words[0])
          object_type = "#{words[0]} "
          parts[0] = words[1]
        end
        # Neither `*` side is quoted; every other side is, in the server's identifier quote.
        parts = parts.map { |side| strip_char(side, '`') == '*' ? side : "#{quote}#{strip_char(side, '`')}#{quote}" }
        key = object_type + parts.join('.')
        list = if !privs.include?('(')
                 privs.upcase.split(',', -1)
               elsif column_case_sensitive
                 privs.split(/,\s*(?=[^)]*(?:\(|\z))/).map { |p| p.sub(/\A[^(]*/, &:upcase) }
               else
                 privs.upcase.split(/,\s*(?=[^)]*(?:\(|\z))/)
               end
        out[key] = normalize_col_grants(list)
      end
      out['*.*'] = ['USAGE'] if ensure_usage && !out.key?('*.*')
      out
    end

    # Python's str.rsplit(sep, 1): [head, tail], or [whole, nil] without the separator.
    def self.rsplit(text, sep)
      i = text.rindex(sep)
      i.nil? ? [text, nil] : [text[0...i], text[(i + sep.length)..]]
    end

    # Python's str.strip(char).
    def self.strip_char(text, char)
      text.gsub(/\A#{Regexp.escape(char)}+|#{Regexp.escape(char)}+\z/, '')
    end

    # Column grants ('SELECT (b', 'a)') joined and sorted as normalize_col_grants does.
    def self.normalize_col_grants(privs)
      %w(SELECT UPDATE INSERT REFERENCES).each do |g|
        start = privs.index { |p| p.include?("#{g} (") }
        next if start.nil?

        finish = (start...privs.length).find { |i| privs[i].include?(')') }
        next if finish.nil?

        joined = privs[start..finish].join(', ')
        privs = privs[0...start] + [sort_columns(joined)] + privs[(finish + 1)..]
      end
      privs
    end

    def self.sort_columns(statement)
      name, columns = statement.split('(', 3)
      cols = columns.sub(/\)+\z/, '').split(',').map { |c| strip_char(c.strip, '`') }.sort
      "#{name}(#{cols.join(', ')})"
    end

    # tls_requires as sanitize_requires reduces it: nil, 'SSL', 'X509' or { 'CIPHER' => ... }.
    def self.sanitize_requires(tls)
      return if tls.nil? || tls.empty?

      up = tls.to_h.transform_keys { |k| k.to_s.upcase }
      return up.except('SSL', 'X509') if up.keys.any? { |k| %w(CIPHER ISSUER SUBJECT).include?(k) }

      up.key?('X509') ? 'X509' : 'SSL'
    end

    def self.requires_clause(tls)
      return '' if tls.nil?
      return " REQUIRE #{tls}" if tls.is_a?(String)

      " REQUIRE #{tls.map { |k, v| "#{k} #{literal(v)}" }.join(' AND ')}"
    end

    # The REQUIRE clause of SHOW CREATE USER, as get_tls_requires reads it.
    def self.current_requires(client, user, host)
      line = client.query("SHOW CREATE USER #{account(user, host)}").map(&:first).find { |l| l.include?('REQUIRE') } || ''
      req = line[/(?<=\bREQUIRE\b)(.*?)(?=(?:\bPASSWORD\b|\z))/m].to_s.strip
      if req.start_with?('SSL', 'X509', 'NONE')
        word = req.split.first
        return word == 'NONE' ? nil : word
      end
      return if req.empty?

      require 'shellwords'
      Hash[*Shellwords.split(req)]
    end
  end
end
