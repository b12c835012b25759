#!/usr/bin/env bash
# Fails unless the plugin's dynamic symbol table defines exactly one symbol: crmext_entry.
set -euo pipefail
plugin=$1
defined=$(nm -D --defined-only "$plugin" | awk '{print $3}' | sort)
if [ "$defined" != "crmext_entry" ]; then
  echo "expected exactly one exported symbol (crmext_entry), found:" >&2
  echo "$defined" >&2
  exit 1
fi
echo "exports: crmext_entry"
