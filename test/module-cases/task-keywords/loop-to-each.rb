# loop -> each
# diagnostics: none

%w(curl jq).each do |item|
  # tasks/main.yml:1 Install tools
  package item
end
