#!/usr/bin/env bash
# The README's test command: restore, build (warnings are errors), run every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build ResearchKit.sln -c Release
dotnet test ResearchKit.sln -c Release --no-build --logger "console;verbosity=normal"
