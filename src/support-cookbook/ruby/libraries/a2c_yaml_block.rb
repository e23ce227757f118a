# frozen_string_literal: true

# yaml.dump(value, Dumper=IDumper, default_flow_style=False, width=1000): how
# openstack.config_template writes a YAML file. Unlike to_yaml (libyaml's emitter, a2c_yaml.rb),
# this is PyYAML's pure-Python emitter, and IDumper indents a block sequence under its mapping key
# (`key:\n  - a`, where libyaml writes `key:\n- a`). Block style throughout, keys sorted, empty
# collections as `{}` / `[]`.
#
# Only scalars whose text the emitter writes on one line are reproduced: strings of printable
# ASCII, written plain or single-quoted by PyYAML's own rules (analyze_scalar, choose_scalar_style,
# the implicit resolvers). A string needing double quotes or several lines (a newline, a tab,
# non-ASCII text), a line longer than the width, a key of 128 characters or more, and collections
# shared by reference (anchors) raise instead of writing a file that could differ.
module A2C
  module Yaml
    class BlockDumpUnsupported < StandardError; end

    BLOCK_WIDTH = 1000

    module_function

    def dump_block(value)
      root = Representer.new(false, true, Psych::Nodes::Scalar::ANY).represent(value)
      block_unsupported('a collection shared by reference (YAML anchors)') unless anchors(root).empty?
      block_unsupported('a document that is a single scalar') if root.kind == :scalar
      out = +''
      if root.items.empty?
        out << (root.kind == :map ? '{}' : '[]')
      else
        block_node(out, root, 0, 0)
      end
      out << "\n"
    end

    def block_unsupported(what)
      raise BlockDumpUnsupported, "ansible2chef: config_template's YAML writer (PyYAML) is reproduced for one-line ASCII values only; " \
                                  "#{what} is not: write this file by hand"
    end

    # Writes a non-empty collection whose first line continues the current one at column `col`
    # (right after `- `, or at the start of a line), later lines indented by `indent`.
    def block_node(out, node, indent, col)
      first = true
      node.items.each do |item|
        unless first
          out << "\n" << (' ' * indent)
          col = indent
        end
        first = false
        if node.kind == :map
          key, value = item
          text = block_key(key)
          out << text << ':'
          block_value(out, value, indent, col + text.length + 1)
        else
          out << '- '
          block_item(out, item, indent, col + 2)
        end
      end
    end

    # A mapping value: a scalar or empty collection on the key's line, else on the next lines,
    # indented one step (sequences too: IDumper's increase_indent(indentless=False)).
    def block_value(out, node, indent, col)
      if inline?(node)
        out << ' ' << block_scalar(node, col + 1)
      else
        out << "\n" << (' ' * (indent + 2))
        block_node(out, node, indent + 2, indent + 2)
      end
    end

    # A sequence item: a nested mapping or sequence starts on the `- ` line.
    def block_item(out, node, indent, col)
      if inline?(node)
        out << block_scalar(node, col)
      else
        block_node(out, node, indent + 2, col)
      end
    end

    def inline?(node) = node.kind == :scalar || node.items.empty?

    def block_key(node)
      block_unsupported('a mapping key that is a collection') unless node.kind == :scalar
      # Emitter.check_simple_key: a key of 128 characters or more, or an empty one, is written `? key`.
      block_unsupported("the key #{node.text[0, 40].inspect}...") if node.text.length >= 128 || node.text.empty?
      scalar_text(node)
    end

    def block_scalar(node, col)
      return node.items.empty? && node.kind == :map ? '{}' : '[]' unless node.kind == :scalar

      text = scalar_text(node)
      # The emitter breaks a value at a single space once the line passes the width.
      block_unsupported("a line longer than #{BLOCK_WIDTH} columns") if col + text.length > BLOCK_WIDTH && text.include?(' ')
      text
    end

    # Emitter.choose_scalar_style for a one-line ASCII scalar: plain when its text resolves to its
    # own tag and no indicator forbids it, else single-quoted (`'` doubled). Keys and values choose
    # alike: the simple-key rule concerns only empty and multi-line scalars, refused above.
    def scalar_text(node)
      text = node.text
      block_unsupported("the value #{text[0, 40].inspect} (needs double quotes or several lines)") unless text.match?(/\A[\x20-\x7e]*\z/)
      return text if resolve(text) == node.tag && block_plain?(text)

      "'#{text.gsub("'", "''")}'"
    end

    # analyze_scalar's allow_block_plain, for text of printable ASCII: no leading or trailing
    # space, no document marker, no indicator where a block plain scalar cannot hold one.
    def block_plain?(text)
      return false if text.empty? || text.start_with?(' ', '---', '...') || text.end_with?(' ')

      text.each_char.with_index do |ch, i|
        followed_by_space = i + 1 >= text.length || text[i + 1] == ' '
        if i.zero?
          return false if '#,[]{}&*!|>\'"%@`'.include?(ch)
          return false if '?:-'.include?(ch) && followed_by_space
        else
          return false if ch == ':' && followed_by_space
          return false if ch == '#' && text[i - 1] == ' '
        end
      end
      true
    end
  end
end
