# static vars file -> attributes, a comment in the recipe
# diagnostics: none

# include_vars debian.yml: its variables are override attributes in attributes/default.rb
