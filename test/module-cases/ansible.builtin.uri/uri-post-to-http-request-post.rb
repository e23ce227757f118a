# uri POST -> http_request :post
# diagnostics: none

# tasks/main.yml:1 Ping the webhook
http_request 'Ping the webhook' do
  url 'https://hooks.example.com/deploy'
  message 'done'
  action :post
end
