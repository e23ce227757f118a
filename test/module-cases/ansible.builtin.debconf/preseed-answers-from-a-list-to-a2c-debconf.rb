# preseed-answers-from-a-list-to-a2c-debconf
# diagnostics: none

[{ 'name' => 'postfix', 'question' => 'postfix/main_mailer_type', 'value' => 'Internet Site', 'vtype' => 'select' }, { 'name' => 'postfix', 'question' => 'postfix/mailname', 'value' => 'mail.example.org', 'vtype' => 'string' }].each do |item|
  # tasks/main.yml:1 Preseed the mail server answers
  a2c_debconf A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'name'))), 'name') do
    question A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'question'))), 'question')
    value A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'value'))), 'value')
    vtype A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'vtype'))), 'vtype')
  end
end

# tasks/main.yml:11 Accept the licence, unseen
a2c_debconf 'oracle-java-installer' do
  question 'shared/accepted-oracle-license-v1-1'
  value 'True'
  vtype 'boolean'
  unseen true
end
