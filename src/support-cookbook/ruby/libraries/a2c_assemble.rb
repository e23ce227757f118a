# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_assemble
#
# The content Ansible's assemble module builds from a directory of fragments (remote_src), byte
# for byte: fragments in sorted name order, a newline added after one that lacks it, the delimiter
# between fragments. The module decodes the delimiter's backslash escapes again before each use
# (Python's codecs.escape_decode), so '\\n' is a newline from the third fragment on: reproduced.
# test/support-assemble.test.ts compares it with the real module.

module A2C
  module Assemble
    class Error < StandardError; end

    module_function

    def from_fragments(src, delimiter: nil, regexp: nil, ignore_hidden: false)
      raise Error, "Source (#{src}) does not exist" unless ::File.exist?(src)
      raise Error, "Source (#{src}) is not a directory" unless ::File.directory?(src)

      pattern = regexp.nil? ? nil : A2C::PythonRegex.compile(regexp, mode: :text)
      delim = delimiter.nil? ? nil : delimiter.encode('UTF-8').b
      out = +''.b
      delimit = false
      add_newline = false
      # Python sorts the names as str (code points); UTF-8 byte order is the same order.
      ::Dir.children(src).sort_by(&:b).each do |name|
        next if pattern && !pattern.match(name)

        fragment = ::File.join(src, name)
        next if !::File.file?(fragment) || (ignore_hidden && name.start_with?('.'))

        content = ::File.binread(fragment)
        out << "\n" if add_newline
        if delimit && delim && !delim.empty?
          delim = escape_decode(delim)
          out << delim
          # The module reads the last byte of the decoded delimiter (IndexError when it is empty).
          raise Error, 'delimiter decodes to nothing (the module fails with IndexError)' if delim.empty?

          out << "\n" unless delim.getbyte(-1) == 10
        end
        out << content
        delimit = true
        add_newline = !content.end_with?("\n")
      end
      out
    end

    SIMPLE = { '\\' => 92, "'" => 39, '"' => 34, 'a' => 7, 'b' => 8, 'f' => 12, 'n' => 10, 'r' => 13, 't' => 9, 'v' => 11 }.freeze

    # Python's codecs.escape_decode on bytes: unknown escapes keep their backslash.
    def escape_decode(bytes)
      s = bytes.b
      out = +''.b
      i = 0
      while i < s.bytesize
        c = s.getbyte(i)
        if c != 92
          out << c
          i += 1
          next
        end
        i += 1
        raise Error, 'Trailing \\ in string' if i >= s.bytesize

        d = s.getbyte(i).chr
        if d == "\n"
          i += 1
        elsif SIMPLE.key?(d)
          out << SIMPLE[d]
          i += 1
        elsif d.between?('0', '7')
          value = 0
          n = 0
          while n < 3 && i < s.bytesize && s.getbyte(i).chr.between?('0', '7')
            value = value * 8 + s.getbyte(i) - 48
            i += 1
            n += 1
          end
          out << (value & 0xFF)
        elsif d == 'x'
          hex = s.byteslice(i + 1, 2)
          raise Error, "invalid \\x escape at position #{i - 1}" unless hex&.match?(/\A\h\h\z/)

          out << hex.to_i(16)
          i += 3
        else
          out << 92 << s.getbyte(i)
          i += 1
        end
      end
      out
    end
  end
end
