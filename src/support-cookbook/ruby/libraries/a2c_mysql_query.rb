# frozen_string_literal: true

require_relative 'a2c_mysql'
require 'securerandom'

# community.mysql's mysql_query (3.x), driven through the server's own `mysql` client in ONE session, as
# the module runs its queries on one PyMySQL connection: autocommit on, or (single_transaction) off with a
# COMMIT after the last query, and the transaction rolled back by the server when the client stops at a
# failing query. Arguments are bound as PyMySQL binds them (Python %-formatting of escaped literals), never
# by pasting raw text into the SQL.
module A2C
  module MySQL
    # The module's keyword test: these words anywhere in a query's first 8 characters (upper-cased).
    DML_KEYWORDS = %w(INSERT UPDATE DELETE REPLACE).freeze
    DDL_KEYWORDS = %w(CREATE DROP ALTER RENAME TRUNCATE).freeze
    KEYWORD_SPAN = (DML_KEYWORDS + DDL_KEYWORDS).map(&:length).max

    class Client
      # Runs a script of statements in one session; stdout as the client prints it in batch mode, with
      # column names. --binary-mode turns off the client's own commands (\! and the others) in the SQL;
      # --comments sends comments (and optimizer hints) on as written; utf8mb4 is PyMySQL's charset.
      def script(sql, database: nil)
        require 'open3'
        env = @password.nil? ? {} : { 'MYSQL_PWD' => @password.to_s }
        args = argv.reject { |a| a == '--skip-column-names' } + ['--binary-mode', '--comments', '--default-character-set=utf8mb4']
        args << "--database=#{database}" unless database.nil?
        out, err, status = Open3.capture3(env, *args, stdin_data: sql)
        [out, status.success? ? nil : err.strip]
      end
    end

    # Runs the queries as mysql_query does; returns its result (changed, query_result, rowcount,
    # executed_queries). Values in query_result are the strings the client prints (nil for NULL): the
    # module's numbers (int columns) come back as their decimal text.
    def self.run_queries(client, query:, positional_args: nil, named_args: nil, single_transaction: false, login_db: nil)
      queries = query_list(query)
      raise Error, 'parameters are mutually exclusive: positional_args|named_args' if !positional_args.nil? && !named_args.nil?

      # As the module: an empty list or dict binds nothing (and leaves a '%' in the SQL alone).
      args = [positional_args, named_args].find { |a| a.respond_to?(:empty?) ? !a.empty? : !a.nil? }
      no_backslash = !args.nil? && client.script('SELECT @@SESSION.sql_mode', database: login_db)[0].include?('NO_BACKSLASH_ESCAPES')
      # The module binds each query as it runs it: the queries before one that cannot be bound have run.
      executed = []
      refused = nil
      queries.each do |q|
        sql = args.nil? ? q : bind(q, args, no_backslash)
        one_statement!(sql, no_backslash)
        executed << sql
      rescue Error => e
        refused = e
        break
      end
      chunks, err = run_script(client, executed, single_transaction, commit: single_transaction && refused.nil?, login_db: login_db)
      raise Error, "Cannot execute SQL '#{queries[chunks.length]}' args [#{args.inspect}]: #{client_error(err)}" if err
      raise refused if refused

      build_result(queries, executed, chunks)
    end

    # One session: autocommit as the module sets it, each query followed by a ROW_COUNT() marker, and a
    # COMMIT only when every query ran (without it the server rolls the transaction back at disconnect).
    def self.run_script(client, executed, transaction, commit:, login_db:)
      marker = "a2c_rc_#{SecureRandom.hex(8)}"
      script = +"SET autocommit=#{transaction ? 0 : 1};\n"
      executed.each { |q| script << "#{q.sub(/;\s*\z/, '')}\n;\nSELECT ROW_COUNT() AS #{marker};\n" }
      script << "COMMIT;\n" if commit
      out, err = client.script(script, database: login_db)
      [result_chunks(out, marker), err]
    end

    # The client's error line (in batch mode it also echoes the failing statement between dashes).
    def self.client_error(err)
      err.lines.grep(/\AERROR/).join.strip.then { |line| line.empty? ? err : line }
    end

    LOGIN_KEYS = %i(login_user login_password login_host login_port login_unix_socket config_file connect_timeout check_hostname).freeze

    # query_result as a registered result holds it: not at all. The client's batch output has no column
    # types, and the module returns numbers for numeric columns (COUNT(*), INT): their text would compare
    # wrongly (`n == 0`), so a read fails the run instead (an Undefined, as Jinja's StrictUndefined fails).
    UNTYPED_RESULT = 'query_result of a converted mysql_query is not kept: the mysql client prints no column types, ' \
                     'and the module returns numbers for numeric columns (convert the read by hand)'

    # A registered mysql_query: the module's result kept under the name (node.run_state, A2C::Tasks);
    # a failure fails the run unless ignore_errors, after it is stored.
    def self.register_query(run_state, name, ignore_errors: false, **args)
      result =
        begin
          { 'failed' => false }.merge(run_queries(Client.new(**args.slice(*LOGIN_KEYS)), **args.except(*LOGIN_KEYS)))
                               .merge('query_result' => A2C::Jinja::Undefined.new(UNTYPED_RESULT))
        rescue Error => e
          { 'changed' => false, 'failed' => true, 'msg' => e.message }
        end
      A2C::Tasks.store(run_state, name, result)
      raise "ansible2chef: mysql_query failed: #{result['msg']}" if result['failed'] && !ignore_errors

      result
    end

    def self.query_list(query)
      raise Error, "the query option value must be a string or list, passed #{query.class}" unless query.is_a?(String) || query.is_a?(Array)

      list = Array(query)
      bad = list.find { |q| !q.is_a?(String) }
      raise Error, "the elements in query list must be strings, passed '#{bad}' #{bad.class}" if bad

      list
    end

    # changed as the module decides it: a DML keyword with rows affected, or any DDL keyword.
    def self.build_result(queries, executed, chunks)
      changed = false
      rows = []
      counts = []
      queries.each_with_index do |q, i|
        table, count = chunks.fetch(i)
        rows << table
        counts << count
        head = q.lstrip[0, KEYWORD_SPAN].upcase
        changed = true if DML_KEYWORDS.any? { |k| head.include?(k) } && count.positive?
        changed = true if DDL_KEYWORDS.any? { |k| head.include?(k) }
      end
      { 'changed' => changed, 'query_result' => rows, 'rowcount' => counts, 'executed_queries' => executed }
    end

    # The client's output cut at each ROW_COUNT() marker: per query, its rows as Hashes (a query without
    # a result set has none) and its rowcount as PyMySQL gives it (the rows read for a result set, else
    # the rows affected: changed rows for an UPDATE, as neither connection asks for found rows).
    def self.result_chunks(out, marker)
      chunks = []
      lines = []
      all = out.split("\n", -1)
      i = 0
      while i < all.length
        line = all[i]
        if line == marker
          affected = all[i + 1].to_i
          chunks << chunk(lines, affected)
          lines = []
          i += 2
        else
          lines << line
          i += 1
        end
      end
      chunks
    end

    def self.chunk(lines, affected)
      return [[], affected.negative? ? 0 : affected] if lines.empty?

      names = lines[0].split("\t", -1)
      rows = lines[1..].map { |l| names.zip(l.split("\t", -1).map { |v| batch_field(v) }).to_h }
      # PyMySQL's DictCursor keys a repeated column by its table name, which batch output does not print:
      # no rows rather than wrong keys (the rowcount is right).
      return [nil, rows.length] if names.uniq.length < names.length

      [rows, rows.length]
    end

    # --batch output escapes tab, newline, backslash and NUL, and prints SQL NULL as NULL.
    def self.batch_field(field)
      return if field == 'NULL'

      field.gsub(/\\(.)/) { { 'n' => "\n", 't' => "\t", '0' => "\0", '\\' => '\\' }.fetch(::Regexp.last_match(1), ::Regexp.last_match(0)) }
    end

    # PyMySQL's cursor.execute(query, args): each argument escaped to a literal, then Python's `query % args`
    # (%s for a list, %(name)s for a dict, %% for a percent sign). Other conversions are not converted.
    def self.bind(query, args, no_backslash)
      named = args.is_a?(Hash)
      values = named ? args.to_h { |k, v| [k.to_s, sql_literal(v, no_backslash)] } : Array(args).map { |v| sql_literal(v, no_backslash) }
      used = 0
      text = query.gsub(/%(?:\(([^)]*)\))?(.)/m) do
        key = ::Regexp.last_match(1)
        conv = ::Regexp.last_match(2)
        next '%' if key.nil? && conv == '%'
        raise Error, "the query's '%#{conv}' is not converted (only %s, %(name)s and %% are)" unless conv == 's'

        if key
          raise Error, 'format requires a mapping' unless named
          raise Error, "Cannot execute SQL: KeyError '#{key}'" unless values.key?(key)

          values[key]
        else
          raise Error, 'a %s with named_args is not converted' if named
          raise Error, 'not enough arguments for format string' if used >= values.length

          used += 1
          values[used - 1]
        end
      end
      raise Error, 'not all arguments converted during string formatting' if !named && used < values.length

      text
    end

    # PyMySQL's escape_item for the types YAML gives: None, bool, int, float, str and lists of them.
    def self.sql_literal(value, no_backslash)
      case value
      when nil then 'NULL'
      when true then '1'
      when false then '0'
      when Integer then value.to_s
      when Float then value.to_s.include?('e') ? value.to_s : "#{value}e0"
      when String then no_backslash ? "'#{value.gsub("'", "''")}'" : literal(value)
      when Array then "(#{value.map { |v| sql_literal(v, no_backslash) }.join(',')})"
      else raise Error, "an argument of type #{value.class} is not converted"
      end
    end

    # The module's connection runs one statement per query (PyMySQL does not ask for multi-statements, so
    # the server refuses a second one); the client would split them, so a second statement is refused here.
    def self.one_statement!(sql, no_backslash)
      rest = strip_sql_noise(sql, no_backslash)
      # DELIMITER opening a statement is a command of the client; the server (the module's) refuses it.
      raise Error, "Cannot execute SQL '#{sql}': (1064, DELIMITER is a command of the mysql client)" if rest.match?(/\A\s*delimiter\b/i)

      cut = rest.index(';')
      return if cut.nil? || rest[(cut + 1)..].strip.empty?

      raise Error, "Cannot execute SQL '#{sql}': (1064, several statements in one query; the module runs one)"
    end

    # The SQL with string literals, quoted identifiers and comments blanked, so only code is left to scan.
    # Executable comments (/*! ... */, /*M! ... */) are code to the server and are kept.
    def self.strip_sql_noise(sql, no_backslash)
      quoted = no_backslash ? /'(?:[^']|'')*'|"(?:[^"]|"")*"/m : /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/m
      sql.gsub(%r{#{quoted}|`(?:[^`]|``)*`|/\*(?!M?!).*?\*/|(?:--(?=\s)|#)[^\n]*}m, ' ')
    end
  end
end
