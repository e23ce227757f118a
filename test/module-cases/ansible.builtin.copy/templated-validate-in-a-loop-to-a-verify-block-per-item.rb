# templated validate in a loop -> a verify block per item that runs the command as the module does
# diagnostics: none

[{ 'name' => 'ciphers', 'text' => "Ciphers aes256-ctr\n" }, { 'name' => 'banner', 'text' => "Banner none\n", 'check' => '/usr/bin/test -s %s' }].each do |item|
  # tasks/main.yml:1 Write the sshd drop-ins
  file "/etc/ssh/sshd_config.d/#{item['name']}.conf" do
    content item['text']
    verify do |a2c_path|
      A2C::Tasks.validate(item.fetch('check', '/usr/sbin/sshd -t -f %s'), a2c_path)
    end
  end
end
