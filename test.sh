#!/usr/bin/env bash
# The project's test command. Does all its own set-up on a fresh machine: the Node tools the tests drive
# (Azurite, the JSON Schema checker), restore, build, then every test project.
set -euo pipefail
cd "$(dirname "$0")"

for tool in tools/*/; do
  if [ -f "$tool/package-lock.json" ] && [ ! -d "$tool/node_modules" ]; then
    npm ci --prefix "$tool" --no-audit --no-fund
  fi
done

dotnet restore IptTriage.sln
dotnet build IptTriage.sln -c Release --no-restore
dotnet test IptTriage.sln -c Release --no-build "$@"
