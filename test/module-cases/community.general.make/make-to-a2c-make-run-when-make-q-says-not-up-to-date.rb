# make -> a2c_make, run when make -q says the target is not up to date
# diagnostics: none

# tasks/main.yml:1 Build and install the exporter
a2c_make 'Build and install the exporter' do
  chdir '/usr/local/src/exporter'
  target 'install'
  make_params({ 'PREFIX' => '/usr/local' })
  jobs 4
end
