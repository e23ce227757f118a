# expires-to-expire-date-utc
# diagnostics: none

# tasks/main.yml:1 Expiring account
user 'guest' do
  expire_date '2015-01-28'
end
