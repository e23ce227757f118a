# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_py_random
#
# Ansible's random filter with a seed (`59 | random(seed=inventory_hostname)`, the usual way to
# spread cron jobs over hosts) gives each host the same number at every run: the number Python's
# random.Random(seed) draws. Ruby's Random seeds its generator otherwise, so Python's Mersenne
# Twister (CPython 3.11: init_by_array seeding, string seeds extended by their SHA-512, getrandbits,
# randrange, choice) is written out here. Without a seed the filter draws from the system's
# randomness, at every run, as Ansible does. test/jinja-to-ruby/jinja-differential.test.ts compares
# it with Ansible's filter.
require 'digest'
require 'securerandom'

module A2C
  # CPython's random.Random: MT19937 with Python's seeding.
  class PyRandom
    N = 624
    M = 397
    MASK = 0xffffffff

    def initialize(seed)
      init_by_array(key_words(seed_int(seed)))
    end

    def getrandbits(bits)
      return 0 if bits.zero?

      words = []
      while bits.positive?
        r = genrand
        r >>= (32 - bits) if bits < 32
        words << r
        bits -= 32
      end
      words.each_with_index.sum { |w, i| w << (32 * i) }
    end

    # random._randbelow_with_getrandbits
    def randbelow(n)
      k = n.bit_length
      r = getrandbits(k)
      r = getrandbits(k) while r >= n
      r
    end

    private

    # random.seed(a, version=2): text and bytes become an integer with their SHA-512 appended;
    # integers count by their absolute value; booleans by their hash (0, 1).
    def seed_int(seed)
      case seed
      when String
        bytes = seed.encode('UTF-8').b
        (bytes + Digest::SHA512.digest(bytes)).unpack1('H*').to_i(16)
      when true then 1
      when false then 0
      when Integer then seed.abs
      else raise TypeError, "ansible2chef: a random seed of class #{seed.class} is not converted (text and integers are)"
      end
    end

    # The integer's 32-bit words, least significant first; at least one.
    def key_words(n)
      words = []
      while n.positive?
        words << (n & MASK)
        n >>= 32
      end
      words.empty? ? [0] : words
    end

    def init_genrand(s)
      @mt = Array.new(N)
      @mt[0] = s & MASK
      (1...N).each { |i| @mt[i] = ((1_812_433_253 * (@mt[i - 1] ^ (@mt[i - 1] >> 30))) + i) & MASK }
      @index = N
    end

    def init_by_array(key)
      init_genrand(19_650_218)
      i = 1
      j = 0
      [N, key.length].max.times do
        @mt[i] = ((@mt[i] ^ ((@mt[i - 1] ^ (@mt[i - 1] >> 30)) * 1_664_525)) + key[j] + j) & MASK
        i += 1
        j += 1
        if i >= N
          @mt[0] = @mt[N - 1]
          i = 1
        end
        j = 0 if j >= key.length
      end
      (N - 1).times do
        @mt[i] = ((@mt[i] ^ ((@mt[i - 1] ^ (@mt[i - 1] >> 30)) * 1_566_083_941)) - i) & MASK
        i += 1
        if i >= N
          @mt[0] = @mt[N - 1]
          i = 1
        end
      end
      @mt[0] = 0x80000000
    end

    def twist
      N.times do |k|
        y = (@mt[k] & 0x80000000) | (@mt[(k + 1) % N] & 0x7fffffff)
        @mt[k] = @mt[(k + M) % N] ^ (y >> 1) ^ (y.odd? ? 0x9908b0df : 0)
      end
      @index = 0
    end

    def genrand
      twist if @index >= N
      y = @mt[@index]
      @index += 1
      y ^= (y >> 11)
      y ^= (y << 7) & 0x9d2c5680
      y ^= (y << 15) & 0xefc60000
      y ^ (y >> 18)
    end
  end

  # The system's randomness where Ansible uses random.SystemRandom (no seed).
  module SystemRandom
    def self.randbelow(n) = SecureRandom.random_number(n)
  end

  module Jinja
    # Ansible's random filter: randrange(start, end, step) of an integer (start and step default
    # when 0 or None), choice() of a sequence; same errors.
    def self.random(value, start = nil, step = nil, seed = nil)
      value = check(value)
      rng = seed.nil? ? SystemRandom : PyRandom.new(check(seed))
      if value.is_a?(Integer) || value == true || value == false
        randrange(rng, start.nil? || start == 0 ? 0 : start, py_int(value), step.nil? || step == 0 ? 1 : step)
      elsif value.is_a?(Array) || value.is_a?(String)
        raise ArgumentError, 'start and step can only be used with integer values' if truthy(start) || truthy(step)

        items = value.is_a?(String) ? value.chars : value
        raise IndexError, 'Cannot choose from an empty sequence' if items.empty?

        items[rng.randbelow(items.length)]
      else
        raise ArgumentError, "random of a #{value.class} is not converted (integers, lists and strings are)"
      end
    end

    def self.py_int(value)
      return value ? 1 : 0 if value == true || value == false
      raise TypeError, "random's start, end and step must be integers, not #{value.class}" unless value.is_a?(Integer)

      value
    end

    # random.randrange(start, stop, step) of CPython 3.11.
    def self.randrange(rng, start, stop, step)
      start = py_int(start)
      step = py_int(step)
      width = stop - start
      if step == 1
        raise ArgumentError, "empty range for randrange() (#{start}, #{stop}, #{width})" unless width.positive?

        return start + rng.randbelow(width)
      end
      n = step.positive? ? (width + step - 1).div(step) : (width + step + 1).div(step)
      raise ArgumentError, 'empty range for randrange()' unless n.positive?

      start + (step * rng.randbelow(n))
    end
  end
end
