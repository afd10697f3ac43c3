#!/usr/bin/env bash
# The project's test command. Does all its own set-up on a fresh machine: restore, build, then every test project.
set -euo pipefail
cd "$(dirname "$0")"
dotnet restore IptTriage.sln
dotnet build IptTriage.sln -c Release --no-restore
dotnet test IptTriage.sln -c Release --no-build
