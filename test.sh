#!/usr/bin/env bash
# The project's test command. Does all its own set-up on a fresh machine: the Node tools the tests drive
# (Azurite, the JSON Schema checker), the PostgreSQL server binaries, Chromium, the Bicep CLI (which then compiles and lints
# infra/), restore, build, then every test project.
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

# The workspace's browser tests drive Debian's Chromium with Playwright (whose own browser download cannot run here);
# a fresh machine gets it here. IPTRIAGE_CHROMIUM names another build.
if [ -z "${IPTRIAGE_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# The Bicep CLI comes in its NuGet package as a self-contained binary (tools/bicep pins the version). Every
# diagnostic of `bicep build` and `bicep lint` on infra/main.bicep fails the run, warnings too: infra/bicepconfig.json
# adds the API-version and typed-parameter rules, and the pinned CLI gives the same answers on every machine.
dotnet restore tools/bicep/bicep.csproj --packages tools/bicep/.packages
bicep=$(find tools/bicep/.packages/azure.bicep.commandline.linux-x64 -path '*/tools/bicep' -type f | head -n 1)
chmod +x "$bicep"
bicep_check() {
  local diagnostics
  if ! diagnostics=$("$bicep" "$@" 2>&1) || [ -n "$diagnostics" ]; then
    printf '%s\nbicep %s: the diagnostics above fail the run\n' "$diagnostics" "$*" >&2
    exit 1
  fi
}
bicep_out=$(mktemp -d)
bicep_check build infra/main.bicep --outdir "$bicep_out"
bicep_check lint infra/main.bicep
rm -rf "$bicep_out"

dotnet restore IptTriage.sln
dotnet build IptTriage.sln -c Release --no-restore
dotnet test IptTriage.sln -c Release --no-build "$@"
