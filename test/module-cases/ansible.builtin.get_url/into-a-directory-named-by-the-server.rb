# into-a-directory-named-by-the-server
# diagnostics: none

['https://example.com/maven/a-1.0.jar', 'https://example.com/maven/b-1.0.jar'].each do |item|
  # tasks/main.yml:1 Deliver libraries
  # dest is a directory: a2c_get_url_directory fetches the URL on every run and names the file from the response (Content-Disposition, else the URL after redirects), replacing it only where its content differs, as get_url does
  a2c_get_url_directory item do
    path '/usr/share/app/lib/'
  end
end
