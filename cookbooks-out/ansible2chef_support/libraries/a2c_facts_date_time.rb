# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_date_time
#
# ansible_date_time: the setup module's clock reading when facts were gathered, at the start of
# the play. The converted run reads the clock once, when this library loads at the start of the
# compile phase, and gives every field as ansible-core 2.14's date_time collector formats it:
# time.time() as a double, rounded half-even to microseconds by datetime.fromtimestamp, local
# fields from localtime, iso8601/iso8601_micro from gmtime. Two fields follow the C library the
# way Python does: tz_dst is C's tzname[1] after tzset (read through Fiddle), and epoch is
# strftime('%s') of a tm without DST information, which mktime resolves to the earlier instant
# in the repeated hour after a DST change. weekday is the English (C locale) day name.

require 'fiddle'

module A2C
  module Facts
    DATE_TIME_GATHERED_NS = Process.clock_gettime(Process::CLOCK_REALTIME, :nanosecond)

    def self.date_time(_node)
      @date_time ||= date_time_at(DATE_TIME_GATHERED_NS).freeze
    end

    def self.date_time_at(ns)
      sec, usec = python_timeval(python_seconds(ns))
      now = Time.at(sec).localtime
      utc = Time.at(sec).utc
      micro = format('%06d', usec)
      {
        'year' => now.strftime('%Y'),
        'month' => now.strftime('%m'),
        'weekday' => now.strftime('%A'),
        'weekday_number' => now.strftime('%w'),
        'weeknumber' => now.strftime('%W'),
        'day' => now.strftime('%d'),
        'hour' => now.strftime('%H'),
        'minute' => now.strftime('%M'),
        'second' => now.strftime('%S'),
        'epoch' => mktime_epoch(now).to_s,
        'epoch_int' => mktime_epoch(now).to_s,
        'date' => now.strftime('%Y-%m-%d'),
        'time' => now.strftime('%H:%M:%S'),
        'iso8601_micro' => utc.strftime('%Y-%m-%dT%H:%M:%S.') + micro + 'Z',
        'iso8601' => utc.strftime('%Y-%m-%dT%H:%M:%SZ'),
        'iso8601_basic' => now.strftime('%Y%m%dT%H%M%S') + micro,
        'iso8601_basic_short' => now.strftime('%Y%m%dT%H%M%S'),
        'tz' => now.strftime('%Z'),
        'tz_dst' => c_tzname(1),
        'tz_offset' => now.strftime('%z'),
      }
    end

    # CPython's _PyTime_AsSecondsDouble of a clock reading in nanoseconds.
    def self.python_seconds(ns)
      (ns % 1_000_000_000).zero? ? (ns / 1_000_000_000).to_f : ns.to_f / 1e9
    end

    # CPython's _PyTime_DoubleToDenominator(d, 1e6, ROUND_HALF_EVEN): [seconds, microseconds].
    def self.python_timeval(d)
      intpart = d.truncate.to_f
      floatpart = (d - intpart) * 1e6
      rounded = floatpart.round
      rounded = 2 * (floatpart / 2.0).round if (floatpart - rounded).abs == 0.5
      rounded = rounded.to_f
      if rounded >= 1e6
        rounded -= 1e6
        intpart += 1.0
      elsif rounded.negative?
        rounded += 1e6
        intpart -= 1.0
      end
      [intpart.to_i, rounded.to_i]
    end

    # mktime of the local wall time with tm_isdst = -1: the earliest instant showing that wall time.
    def self.mktime_epoch(now)
      wall = now.to_i + now.utc_offset
      offsets = [now.utc_offset, Time.at(now.to_i - 86_400).utc_offset, Time.at(now.to_i + 86_400).utc_offset].uniq
      offsets.map { |off| wall - off }.select { |t| Time.at(t).utc_offset == wall - t }.min
    end

    def self.c_tzname(index)
      Time.now.localtime # tzset, as Python's time module does when it loads
      names = Fiddle::Pointer.new(Fiddle::Handle::DEFAULT['tzname'])
      Fiddle::Pointer.new(names[index * Fiddle::SIZEOF_VOIDP, Fiddle::SIZEOF_VOIDP].unpack1('J')).to_s
    end
  end
end
