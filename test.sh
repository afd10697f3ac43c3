#!/usr/bin/env bash
# The project's test command. Does all its own set-up on a fresh machine: the Node tools the tests drive
# (Azurite, the JSON Schema checker), the PostgreSQL server binaries, restore, build, then every test project.
set -euo pipefail
cd "$(dirname "$0")"

for tool in tools/*/; do
  if [ -f "$tool/package-lock.json" ] && [ ! -d "$tool/node_modules" ]; then
    npm ci --prefix "$tool" --no-audit --no-fund
  fi
done

# The PostgreSQL record store tests start a throwaway server from the machine's PostgreSQL binaries (as the account
# "nobody" when run as root); machines of this kind have them, and a fresh one without them gets them here.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
fi

dotnet restore IptTriage.sln
dotnet build IptTriage.sln -c Release --no-restore
dotnet test IptTriage.sln -c Release --no-build "$@"
