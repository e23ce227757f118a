# preseed-answers-from-a-list-to-a2c-debconf
# diagnostics: none

[{ 'name' => 'postfix', 'question' => 'postfix/main_mailer_type', 'value' => 'Internet Site', 'vtype' => 'select' }, { 'name' => 'postfix', 'question' => 'postfix/mailname', 'value' => 'mail.example.org', 'vtype' => 'string' }].each do |item|
  # tasks/main.yml:1 Preseed the mail server answers
  a2c_debconf item['name'] do
    question item['question']
    value item['value']
    vtype item['vtype']
  end
end

# tasks/main.yml:11 Accept the licence, unseen
a2c_debconf 'oracle-java-installer' do
  question 'shared/accepted-oracle-license-v1-1'
  value 'True'
  vtype 'boolean'
  unseen true
end
