# Jinja statements that render a body into a string instead of the output:
# macros and call blocks, filter blocks, block sets and recursive loops.
#
# Erubis writes template text with `_buf << ...`. A translated body is a Ruby
# block whose first parameter is named `_buf`: it shadows the template's
# buffer, so the body renders into a fresh string these objects hand it. The
# ERB printer writes block bodies only as `recv.each do |params| ... end`, so
# `each` is how each object receives its body.
module A2C
  module Jinja
    # A body rendered once, right away: `{% filter %}` and `{% set x %}...{% endset %}`.
    class Capture
      attr_reader :text

      def each
        @text = ''
        yield @text
      end
    end

    # A `{% macro %}` (or the body of a `{% call %}`, which Jinja passes as `caller`).
    # Missing arguments follow Jinja's Macro.__call__: a parameter with a default
    # receives MISSING (the body evaluates the default), one without is undefined.
    class Macro
      MISSING = Object.new.freeze

      def initialize(name, params, defaulted, takes_caller)
        @name = name
        @params = params
        @defaulted = defaulted
        @takes_caller = takes_caller
      end

      def each(&body)
        @body = body
      end

      def self.missing?(value)
        MISSING.equal?(value)
      end

      def call(args, kwargs, caller = nil)
        if args.length > @params.length
          raise TypeError, "macro '#{@name}' takes not more than #{@params.length} argument(s)"
        end

        values = @params.each_with_index.map { |p, i| argument(p, i, args, kwargs) }
        extra = kwargs.keys - @params
        raise TypeError, "macro '#{@name}' takes no keyword argument '#{extra.first}'" unless extra.empty?
        raise TypeError, "macro '#{@name}' takes no keyword argument 'caller'" if caller && !@takes_caller

        buf = ''
        @body.call(buf, *values, caller || Undefined.new("'caller' is undefined"))
        buf
      end

      private

      def argument(param, index, args, kwargs)
        if index < args.length
          raise TypeError, "macro '#{@name}' got multiple values for argument '#{param}'" if kwargs.key?(param)

          args[index]
        elsif kwargs.key?(param) then kwargs[param]
        elsif @defaulted.include?(param) then MISSING
        else
          Undefined.new("parameter '#{param}' was not provided")
        end
      end
    end

    # `{% for x in seq recursive %}`: `loop(children)` renders the same body over
    # another sequence and returns the text.
    class RecursiveLoop
      def each(&body)
        @body = body
      end

      def call(items)
        buf = ''
        @body.call(buf, items)
        buf
      end
    end

    # `{% include %}` of a template that does not exist: Jinja fails when it renders the tag.
    def self.template_not_found(name)
      raise IOError, "TemplateNotFound: #{name}"
    end
  end
end
