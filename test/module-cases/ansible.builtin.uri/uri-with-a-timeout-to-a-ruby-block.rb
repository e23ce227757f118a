# uri with a timeout -> a ruby_block calling A2C::Uri (http_request has no timeout)
# diagnostics: none

# tasks/main.yml:1 Ask the API with a short timeout
ruby_block 'Ask the API with a short timeout' do
  block do
    A2C::Uri.run(url: 'https://api.example.com/health', timeout: 5)
  end
end
