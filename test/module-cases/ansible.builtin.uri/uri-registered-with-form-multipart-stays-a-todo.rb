# uri with register and body_format form-multipart -> TODO (multipart bodies are not converted)
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM uri body_format: form-multipart is not converted (one of json, form-urlencoded, raw)
# tasks/main.yml:1 Upload
#   - name: Upload
#     uri:
#       url: https://example.com/upload
#       method: POST
#       body_format: form-multipart
#       body:
#         file: x
#     register: upload
