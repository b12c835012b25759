#!/usr/bin/env bash
# A user's clone has nothing beside it: no build, test or bench file may name ../shared (or any other
# path outside the repository). Prints each offending line and fails when there is one.
set -euo pipefail
root=$1
if grep -rnI --exclude-dir=build --exclude-dir=.git --exclude-dir=node_modules --exclude=check_stands_alone.sh \
     -e '\.\./shared' -e 'SELLERSCORE_SHARED_DIR' \
     "$root/CMakeLists.txt" "$root/run" "$root/.ci" "$root/plugin" "$root/connectors" "$root/host" "$root/tests" \
     "$root/bench" "$root/packaging" "$root/manifest"; then
  echo "the files above read outside the repository" >&2
  exit 1
fi
