# lock-timeout-is-the-cache-update-retry
# diagnostics: none

# tasks/main.yml:1 Install prerequisites, waiting up to five minutes for the apt lists lock
apt_update 'apt cache' do
  frequency 3600
end

# tasks/main.yml:1 Install prerequisites, waiting up to five minutes for the apt lists lock
# lock_timeout: the module retries only its cache update on a held apt lock, up to lock_timeout seconds (60 when not set); apt_update does not retry
apt_package %w(ca-certificates gnupg)
