# frozen_string_literal: true

# ansible.builtin.apt's update_cache and cache_valid_time (ansible-core 2.14), for a task that does
# nothing else. The module reads the cache time as the mtime of
# /var/lib/apt/periodic/update-success-stamp, or of /var/lib/apt/lists where that stamp is missing
# (0 where both are); it updates the lists only when that time plus cache_valid_time is before now,
# and reports changed only when the time (in whole seconds) moved across the update: an update that
# touches neither the stamp nor the lists folder is no change. Chef's apt_update counts every update
# it runs as one. The update is tried up to 5 times, waiting 2**n seconds (at most 12) in between,
# as the module retries a failed fetch with its default update_cache_retries and
# update_cache_retry_max_delay.
module A2C
  module AptCache
    STAMP = '/var/lib/apt/periodic/update-success-stamp'
    LISTS = '/var/lib/apt/lists'
    RETRIES = 5
    MAX_DELAY = 12

    module_function

    # The cache time the module reads: seconds since the epoch, with their fraction.
    def cache_time(stamp: STAMP, lists: LISTS)
      return ::File.mtime(stamp).to_r if ::File.exist?(stamp)
      return ::File.mtime(lists).to_r if ::File.exist?(lists)

      0
    end

    # Whether the module would update the lists: the cache time plus cache_valid_time is before now.
    def stale?(cache_valid_time, now: Time.now, **paths)
      cache_time(**paths) + cache_valid_time.to_i < now.to_r
    end

    # Runs the update (the block, which raises on failure) as the module does, and answers whether
    # the cache time moved in whole seconds: the module's changed.
    def update(sleeper: ->(s) { sleep(s) }, **paths)
      before = cache_time(**paths).floor
      attempt(sleeper) { yield }
      cache_time(**paths).floor != before
    end

    def attempt(sleeper)
      error = nil
      RETRIES.times do |n|
        begin
          return yield
        rescue StandardError => e
          error = e
        end
        randomize = rand(0..1000) / 1000.0
        delay = 2**n + randomize
        delay = MAX_DELAY + randomize if delay > MAX_DELAY
        sleeper.call(delay)
      end
      raise "Failed to update apt cache: #{error ? error.message : 'unknown reason'}"
    end
  end
end
