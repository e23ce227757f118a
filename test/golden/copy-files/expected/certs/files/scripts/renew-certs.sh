#!/bin/sh
# Renew certificates that expire within 30 days.
set -eu
exec certbot renew --quiet
