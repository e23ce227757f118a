# frozen_string_literal: true
#
# Pure content transformations reproducing Ansible's file-editing modules
# (ansible-core 2.14 lineinfile, blockinfile, replace; community.general 6.x
# ini_file). Each function takes the current file content (a String of bytes, or
# nil when the file does not exist) and the module's parameters, and returns a
# Result. No Chef dependency: the custom resources in ../resources call these, and
# the differential tests run them against the real Ansible modules.
#
# The per-module functions live in a2c_file_edit_<module>.rb; this file holds what
# they share. Chef loads library files in name order, and none of them needs
# another at load time.
module A2C
  module FileEdit
    # A module failure (Ansible would fail the task with this message).
    class Error < StandardError; end

    # content: the new file bytes (ASCII-8BIT); nil only when the file stays absent.
    # changed: whether the module would report (and write) a change.
    # msg: the module's own message, for logs.
    Result = Struct.new(:content, :changed, :msg)

    # os.linesep on the POSIX hosts these recipes target.
    LINESEP = "\n".b

    module_function

    # Python's truthiness for an optional string parameter.
    def truthy?(value)
      !value.nil? && value != ''
    end

    def bytes(value)
      value&.to_s&.b
    end

    # bytes.readlines(): split after every "\n", keeping it.
    def readlines(content)
      content.b.scan(/[^\n]*\n|[^\n]+\z/n)
    end

    # bytes.splitlines(True): "\r\n", "\r" and "\n" all end a line.
    def splitlines_keepends(content)
      content.b.scan(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\z/n)
    end

    # bytes.rstrip(b'\r\n')
    def rstrip_newlines(line)
      line.sub(/[\r\n]+\z/n, '')
    end

    def ends_with_newline?(line)
      line.end_with?("\n") || line.end_with?("\r")
    end

    # UTF-8 text the way Python's decoders would read it; undecodable bytes are a
    # module failure here rather than Python's surrogate escapes.
    def decode_utf8(content, what)
      text = content.dup.force_encoding(Encoding::UTF_8)
      raise Error, "#{what} is not valid UTF-8" unless text.valid_encoding?

      text
    end

    def compile(pattern, **opts)
      A2C::PythonRegex.compile(pattern.to_s, **opts)
    rescue A2C::PythonRegex::Error => e
      raise Error, e.message
    end
  end
end
