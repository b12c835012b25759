#!/usr/bin/env bash
# Type-checks the HubSpot app card (packaging/hubspot-app/src/app/cards) with `tsc --noEmit` against the
# npm packages its package-lock.json pins (@hubspot/ui-extensions, react, @types/react, typescript).
#   check_card_types.sh CARD_DIR WORK_DIR
# The card's files are copied into WORK_DIR (in the build tree) so that node_modules never lands in the
# source tree. `npm ci` runs only when WORK_DIR's node_modules was not installed from this very lock:
# with a matching node_modules there is no network at all, and a cold build tree with a warm npm cache
# (~/.npm) installs offline (--prefer-offline). Fails on any type error, naming the source file.
set -euo pipefail
card_dir=$1
work_dir=$2

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "check_card_types: $tool not found; tools/bootstrap installs Debian's nodejs and npm" >&2
    exit 1
  fi
done

mkdir -p "$work_dir"
# A fresh copy every run: a file renamed or deleted in the source must not linger here.
find "$work_dir" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
cp "$card_dir"/package.json "$card_dir"/package-lock.json "$card_dir"/tsconfig.json "$work_dir"/
find "$card_dir" -maxdepth 1 \( -name '*.ts' -o -name '*.tsx' \) -exec cp {} "$work_dir"/ \;

installed_from="$work_dir/node_modules/.installed-from-package-lock.json"
if ! cmp -s "$work_dir/package-lock.json" "$installed_from"; then
  echo "check_card_types: npm ci (node_modules missing or from another lock)"
  (cd "$work_dir" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
  cp "$work_dir/package-lock.json" "$installed_from"
fi

cd "$work_dir"
# --no: never download a tsc that the lock did not install.
if ! npx --no -- tsc --noEmit --pretty false -p tsconfig.json > tsc.log 2>&1; then
  sed "s#^\([^ ]*\.tsx\?\)(#$card_dir/\1(#" tsc.log >&2
  echo "check_card_types: the card does not type-check against @hubspot/ui-extensions $(node -p 'require("./node_modules/@hubspot/ui-extensions/package.json").version')" >&2
  exit 1
fi
echo "check_card_types: the card type-checks against @hubspot/ui-extensions $(node -p 'require("./node_modules/@hubspot/ui-extensions/package.json").version')"
