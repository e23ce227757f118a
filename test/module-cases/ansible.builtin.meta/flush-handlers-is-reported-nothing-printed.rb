# flush_handlers is reported, nothing printed
# diagnostics: none

