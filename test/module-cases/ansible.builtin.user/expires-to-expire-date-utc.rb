# expires-to-expire-date-utc
# diagnostics: none

# tasks/main.yml:1 Expiring account
user 'guest' do
  expire_date lazy { A2C::Modules.user_expire_date('guest', '2015-01-28') }
end
