#!/usr/bin/env bash
# The README's test command: build (warnings are errors), run every test project, then the
# CLI parity check against the reference fixtures. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"; ./scripts/slurm-local.sh stop >/dev/null 2>&1 || true' EXIT

# WordNet and Hunspell for query expansion and spell correction (Debian packages; installed when root).
./scripts/install-lexicons.sh
# Debian's jupyter_client, nbconvert and classic Notebook drive the C# kernel end to end; headless Chromium draws the
# judging page and the notebooks' charts. Without them those tests report as skipped (and fail the run under CI=true).
./scripts/install-jupyter.sh || echo "jupyter unavailable: the Jupyter end-to-end tests will report as skipped"
./scripts/install-browser.sh || echo "chromium unavailable: the browser tests will report as skipped"
# Debian's PyTorch for `models convert` and its EVA02-CLIP conversion tests (which fail under CI=true without it).
./scripts/install-torch.sh
# A one-node Slurm cluster (Debian's slurm-wlm and munge) and the emoji data for the sharded-indexing array test;
# under CI=true that test fails, not skips, when either is missing. The daemons stop when this script exits.
./scripts/slurm-local.sh start || echo "slurm unavailable: the Slurm array test fails under CI=true"
[ -f data/emoji/prepared/STAMP ] || data/emoji/prepare.sh || echo "emoji data unavailable: the Slurm array test fails under CI=true"
# Node.js, Hugging Face's tokenizers.js and a real Gemma 3 tokenizer.json for the tokenizer.json parity tests (test tools only).
./scripts/install-node-tokenizers.sh || echo "tokenizers.js unavailable: the tokenizer.json parity tests skip, and fail under CI=true"
dotnet build ResearchKit.sln -c Release -nologo || { echo "build failed"; exit 1; }
dotnet test ResearchKit.sln -c Release --no-build -nologo --filter "Category!=EndToEnd" 2>&1 | tee "$log"
test_rc=${PIPESTATUS[0]}
./scripts/run-notebooks.sh artifacts/notebooks || test_rc=1  # every notebook headless + one through the kernel; a failing cell fails the tests
# The end-to-end suites (Jupyter front ends, headless Chromium, crashing notebooks) run on their own so their skips
# are counted: under CI=true a skipped end-to-end test fails the run, since CI must not pass without them. The chart
# test reuses the notebooks just executed.
e2e_log=$(mktemp)
RESEARCHKIT_EXECUTED_NOTEBOOKS="$PWD/artifacts/notebooks/runner" \
  dotnet test ResearchKit.sln -c Release --no-build -nologo --filter "Category=EndToEnd" --logger "console;verbosity=normal" 2>&1 \
  | tee "$e2e_log" | grep -vE '^ +Passed '
[ "${PIPESTATUS[0]}" -eq 0 ] || test_rc=1
grep -E '^ +(Passed|Failed|Skipped): +[0-9]+$' "$e2e_log" >>"$log"  # the run's counts, for the closing line
e2e_skipped=$(grep -E '^ +Skipped: +[0-9]+$' "$e2e_log" | awk '{ s += $2 } END { print s + 0 }')
if [ "${CI:-}" = true ] && [ "$e2e_skipped" -gt 0 ]; then
  echo "end-to-end suites: $e2e_skipped tests skipped under CI=true (reasons above); CI fails rather than pass without them"
  test_rc=1
fi
rm -f "$e2e_log"

# The demo check and the parity check are plain Python 3 (standard library only); a bare CI image may lack it.
if ! command -v python3 >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
fi
# The main job on the data the notebooks prepared: the demo must run through, and the recall it measures with the
# embedded models must reproduce their committed evaluations (models/emoji/*/eval.json).
mkdir -p artifacts
if dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll demo --no-prepare --out artifacts/demo >artifacts/demo.log 2>&1; then
  python3 tests/check_demo.py artifacts/demo models/emoji || test_rc=1
else
  tail -20 artifacts/demo.log; echo "demo failed (artifacts/demo.log)"; test_rc=1
fi
parity_rc=0
if command -v python3 >/dev/null; then
  python3 tests/parity.py tests/fixtures/reference dotnet src/ResearchKit.Cli/bin/Release/net10.0/researchkit.dll 2>&1 | tee -a "$log"
  parity_rc=${PIPESTATUS[0]}
else
  echo "python3 not found: parity check skipped"; parity_rc=1
fi

# The benchmark scripts' own rules (the Polyglot comparison), checked on outputs written by the test itself.
PYTHONDONTWRITEBYTECODE=1 python3 benchmarks/polyglot_compat_test.py >/dev/null 2>&1 || { PYTHONDONTWRITEBYTECODE=1 python3 benchmarks/polyglot_compat_test.py; test_rc=1; }

# Sum the per-project summaries ("Failed: 0, Passed: 49, Skipped: 0") into one closing line.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$test_rc" -eq 0 ] && [ "$parity_rc" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
