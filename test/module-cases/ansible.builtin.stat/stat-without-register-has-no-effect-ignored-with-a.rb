# stat without register has no effect: ignored with a diagnostic, nothing printed
# diagnostics: none

