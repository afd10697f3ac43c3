#!/bin/sh
# azd's prepackage hook of the web service (azure.yaml): lays out the Static Web App's content, the workspace's
# static files as they are, with the Entra tenant written into staticwebapp.config.json's sign-in issuer, which
# the file cannot read from a setting. No build: the files are copied.
# Usage: stage-workspace.sh [target folder] [workspace files folder]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
source="$root/src/IptTriage.Workspace/wwwroot"
target=${1:-"$root/src/IptTriage.Workspace/obj/staticwebapp"}
source=${2:-$source}
tenant=${AZURE_TENANT_ID:-}

if ! printf '%s' "$tenant" | grep -Eq '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'; then
  echo "stage-workspace.sh: AZURE_TENANT_ID must be the Entra tenant's id (a GUID), the tenant staff sign in to;" \
    "set it with: azd env set AZURE_TENANT_ID <tenant id>" >&2
  exit 1
fi

rm -rf "$target"
mkdir -p "$target"
cp -R "$source/." "$target/"
sed "s/__AZURE_TENANT_ID__/$tenant/g" "$source/staticwebapp.config.json" > "$target/staticwebapp.config.json"
echo "stage-workspace.sh: the web workspace is staged in $target"
