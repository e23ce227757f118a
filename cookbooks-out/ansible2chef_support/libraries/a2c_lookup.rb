# frozen_string_literal: true

# Ansible's pure lookup plugins: they read nothing but their terms, so they give the same list on
# the Chef node as on the Ansible controller. Each takes the terms Ansible hands the plugin (the
# arguments of lookup()/query(), or a with_<lookup> value after listify_lookup_plugin_terms) and
# returns the plugin's list; errors are raised where the plugin raises.
module A2C
  module Lookup
    class LookupError < StandardError; end

    module_function

    # listify_lookup_plugin_terms: a with_<lookup> value that is a string or not iterable is one term.
    def listify(value)
      v = A2C::Jinja.check(value)
      v.is_a?(Array) || v.is_a?(Hash) ? v : [v]
    end

    # What plain lookup() returns for the plugin's list: strings joined with ',', one other value
    # unwrapped, anything else the list itself (Templar._lookup).
    def value(ran)
      return ran if ran.empty?
      return ran.join(',') if ran.all? { |x| x.is_a?(String) }

      ran.length == 1 ? ran[0] : ran
    end

    # LookupBase._flatten: one level, lists only (Python iterates a dict's keys).
    def flatten_one(terms)
      A2C::Jinja.iter(terms).flat_map { |t| t.is_a?(Array) ? t : [t] }
    end

    def items(terms)
      flatten_one(terms)
    end

    def list(terms)
      raise LookupError, 'with_list expects a list' unless terms.is_a?(Array)

      terms
    end

    def indexed_items(terms)
      raise LookupError, 'with_indexed_items expects a list' unless terms.is_a?(Array)

      # Python's zip gives tuples: they print as (0, 'x').
      flatten_one(terms).each_with_index.map { |x, i| A2C::Jinja::Tuple.new([i, x]) }
    end

    def dict(terms)
      (terms.is_a?(Array) ? terms : [terms]).flat_map do |term|
        raise LookupError, 'with_dict expects a dict' unless term.is_a?(Hash)

        term.map { |k, v| { 'key' => k, 'value' => v } }
      end
    end

    # zip_longest of the terms, each listified, missing places None; each tuple flattened once.
    def together(terms)
      lists = A2C::Jinja.iter(terms).map { |x| A2C::Jinja.iter(listify(x)) }
      raise LookupError, 'with_together requires at least one element in each list' if lists.empty?

      (0...lists.map(&:length).max).map { |i| flatten_one(lists.map { |l| l[i] }) }
    end

    # Every combination, first term outermost, each flattened once (a lone string term's items
    # are iterated, as Python does).
    def nested(terms)
      lists = A2C::Jinja.iter(terms).map { |x| listify(x) }
      raise LookupError, 'with_nested requires at least one element in the nested list' if lists.empty?

      result = lists.first
      lists.drop(1).each do |b|
        result = A2C::Jinja.iter(result).flat_map { |x| A2C::Jinja.iter(b).map { |y| flatten_one([x, y]) } }
      end
      A2C::Jinja.iter(result).map { |x| flatten_one(x) }
    end

    def subelements(terms)
      raise LookupError, 'subelements lookup expects a list of two or three items' unless terms.is_a?(Array) && terms.length.between?(2, 3)

      list = listify(terms[0])
      raise LookupError, 'subelements lookup expects a list of two or three items, first a dict or a list, second a string' unless terms[1].is_a?(String)

      flags = terms.length == 3 ? terms[2] : {}
      raise LookupError, 'subelements lookup: the optional third item must be a dict' unless flags.is_a?(Hash)

      A2C::Tasks.subelements(list, terms[1], flags.fetch('skip_missing', false))
    end

    # community.general.flattened: flattened to the bottom; a list of one list is unwrapped, and
    # the string 'None' or 'null' ends the list it is in (the plugin's "ignore undefined items").
    def flattened(terms)
      raise LookupError, 'with_flattened expects a list' unless terms.is_a?(Array)

      do_flatten(terms)
    end

    def do_flatten(terms)
      ret = []
      A2C::Jinja.iter(terms).each do |term|
        term = term[0] while term.is_a?(Array) && term.length == 1
        break if %w(None null).include?(term)

        term.is_a?(Array) ? ret.concat(do_flatten(term)) : ret << term
      end
      ret
    end

    # --- sequence ----------------------------------------------------------------------------
    SHORTCUT = %r{\A(?:(0?x?[0-9a-f]+)-)?(0?x?[0-9a-f]+)(?:/(0?x?[0-9a-f]+))?(?::(.+))?\n?\z}i
    # Python's int(text, 0): underscores between digits, a leading zero only in 0, 0x, 0o, 0b.
    PY_INT = /\A[+-]?(?:0[xX](?:_?\h)+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?0)*|[1-9](?:_?\d)*)\z/
    # The printf directives Ruby formats as Python's % does ('#' and %c, %r, %a differ or are absent).
    FORMAT = /%([0 +-]*)(\d*)(\.\d*)?([diouxXeEfgGs])/

    def py_int(text, name)
      t = text.to_s.strip
      raise LookupError, "can't parse #{name}=#{text} as integer" unless t.match?(PY_INT)

      Integer(t.delete('_'), 0)
    end

    def sequence(terms)
      A2C::Jinja.iter(terms).flat_map { |term| sequence_term(term) }
    end

    def sequence_term(term)
      raise LookupError, "unknown error parsing with_sequence arguments: #{term.inspect}" unless term.is_a?(String)

      o = { 'start' => 1, 'count' => nil, 'end' => nil, 'stride' => 1, 'format' => '%d' }
      if (m = SHORTCUT.match(term))
        o['start'] = py_int(m[1], 'start') if m[1]
        o['end'] = py_int(m[2], 'end')
        o['stride'] = py_int(m[3], 'stride') if m[3]
        o['format'] = m[4] if m[4]
      else
        args = sequence_kv(term)
        %w(start end count stride).each { |k| o[k] = py_int(args.delete(k), k) if args.key?(k) }
        o['format'] = args.delete('format') if args.key?('format')
        raise LookupError, "unrecognized arguments to with_sequence: #{args.keys.inspect}" unless args.empty?
      end
      start, stop, stride, fmt = sequence_bounds(o)
      return [] if stride.zero?

      # Python's range(start, end + adjust, stride) stops before end + adjust: Ruby's step includes end.
      start.step(stop, stride).map { |i| sequence_format(fmt, i) }
    end

    # parse_kv for the k=v form; quoting and escapes are Ansible's splitter's and are not copied.
    def sequence_kv(term)
      raise LookupError, "ansible2chef: with_sequence arguments #{term.inspect} with quotes, escapes or braces are not converted" if term.match?(/['"\\{}]/)

      term.split.each_with_object({}) do |tok, h|
        k, v = tok.split('=', 2)
        v.nil? ? (h['_raw_params'] = tok) : (h[k] = v)
      end
    end

    def sequence_bounds(o)
      start = o['start']
      stop = o['end']
      stride = o['stride']
      raise LookupError, 'must specify count or end in with_sequence' if o['count'].nil? && stop.nil?
      raise LookupError, "can't specify both count and end in with_sequence" if o['count'] && stop

      if o['count']
        if o['count'].zero?
          start = stop = stride = 0
        else
          stop = start + (o['count'] * stride) - 1
        end
      end
      raise LookupError, 'to count backwards make stride negative' if stride.positive? && stop < start
      raise LookupError, "to count forward don't make stride negative" if stride.negative? && stop > start
      raise LookupError, "bad formatting string: #{o['format']}" unless o['format'].count('%') == 1

      [start, stop, stride, o['format']]
    end

    # Python's `fmt % i` for the one directive the format holds.
    def sequence_format(fmt, i)
      m = FORMAT.match(fmt) or raise LookupError, "ansible2chef: with_sequence format #{fmt.inspect} is not converted"
      flags = m[1]
      # Ruby prints a negative hex/octal number as two's complement ("..f01") unless it has a sign flag.
      flags = "+#{flags}" if i.negative? && 'xXo'.include?(m[4]) && !flags.match?(/[+ ]/)
      directive = "%#{flags}#{m[2]}#{m[3]}#{m[4].tr('iu', 'dd')}"
      fmt.sub(m[0]) { Kernel.format(directive, 'eEfgG'.include?(m[4]) ? i.to_f : i) }
    end

    # --- vars matching a pattern -------------------------------------------------------------
    # query('vars', *query('varnames', pattern)): the values of every variable of the host whose
    # name the pattern finds (varnames: re.search over the names of the task's variables, in their
    # order; vars: each value). The converter checked, for each of `patterns` (every value the
    # pattern takes in the converted input), that it is a plain '^prefix' and that no variable the
    # input defines, no Ansible magic variable or fact has a name it finds: the names found are
    # those of variables the input never sets, which live under the project namespace with their
    # own names (a Policyfile's or a node file's attributes). A pattern set after converting is
    # refused, as those checks were not made for it.
    #
    # Order: Ansible combines its variable sources lowest precedence first, a name keeping the place
    # where it first appears (combine_vars: dict.update); Chef's components are read the same way,
    # lowest first (default ... role_default (a Policyfile's default) ... normal (a node file) ...
    # role_override (a Policyfile's override)), each in the order it holds its keys. A value is
    # the highest component's, whole, as Ansible replaces a variable (A2C::Jinja.var).
    def vars_matching(node, pattern, patterns, namespace)
      unless patterns.include?(pattern)
        raise LookupError, "ansible2chef: query('varnames', #{pattern.inspect}) is not converted: only the patterns " \
                           "#{patterns.map(&:inspect).join(', ')} were checked against the converted input's variables " \
                           '(a pattern set after converting may find variables that do not live under ' \
                           "node['#{namespace}'] with their own names)"
      end
      prefix = pattern.delete_prefix('^')
      names = []
      var_trees(node).each do |tree|
        found, vars = A2C::Jinja.walk(tree, [namespace])
        next unless found && vars.respond_to?(:each_key)

        vars.each_key { |k| names << k if k.is_a?(String) && k.start_with?(prefix) && !names.include?(k) }
      end
      names.map { |k| A2C::Jinja.var(node, namespace, k) }
    end

    # Chef's attribute components, lowest precedence first; a node without them is one tree.
    def var_trees(node)
      return [node] unless node.respond_to?(:attributes) && node.attributes.respond_to?(:force_default)

      A2C::Jinja::COMPONENTS_HIGH_FIRST.reverse.map { |c| node.attributes.public_send(c) }
    end

    # The with_<lookup> plugins above, by name.
    PLUGINS = %w(items list indexed_items dict together nested subelements flattened sequence).freeze

    def run(name, terms)
      raise ArgumentError, "ansible2chef: no pure lookup #{name}" unless PLUGINS.include?(name)

      public_send(name, terms)
    end
  end
end
