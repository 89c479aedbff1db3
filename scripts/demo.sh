#!/usr/bin/env bash
# The README's first command, the main job: builds the tool and runs `researchkit demo` — prepares the emoji
# benchmark (pinned npm packages, checked), indexes it with the three embedded models (models/emoji), measures
# recall on the held-out Twemoji set, runs sample searches, fits calibration, exports a config and writes
# artifacts/demo/report.html. Extra arguments go to `researchkit demo` (e.g. --out DIR, --no-prepare).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/ResearchKit.Cli -c Release -v q -nologo >/dev/null
exec dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll demo "$@"
