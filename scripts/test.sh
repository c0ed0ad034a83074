#!/usr/bin/env bash
# Runs every test of MoviePipeline on a fresh Debian/Ubuntu machine: installs what is missing
# (system packages included), builds, runs each test project (real PostgreSQL servers, ffmpeg
# and espeak-ng; the tests start and stop what they need), runs the benchmarks in smoke mode,
# and prints one closing line with the totals.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --tests
dotnet build MoviePipeline.sln -c Release -nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# One test project at a time (-m:1): each starts its own PostgreSQL servers and silo processes,
# and on two cores running them side by side turns timing margins into flaky failures.
# A hung test run fails with a dump instead of eating CI's time. Deadlines inside the tests scale
# with MOVIEPIPELINE_DEADLINE_SCALE (default 1); the hang timeout scales with it, staying above them.
scale=${MOVIEPIPELINE_DEADLINE_SCALE:-1}
hang_minutes=$(awk -v s="$scale" 'BEGIN { printf "%d", 10 * s + 0.5 }')
dotnet test MoviePipeline.sln -c Release --no-build -nologo -m:1 --blame-hang-timeout "${hang_minutes}m" 2>&1 | tee "$log" || status=$?

echo
echo "Benchmarks (smoke mode):"
benchmarks=(all media crash storage rerun)
failed_benchmarks=()
for benchmark in "${benchmarks[@]}"; do
  dotnet run -c Release --no-build --project bench/MoviePipeline.Benchmarks -- "$benchmark" --smoke \
    || { status=$?; failed_benchmarks+=("$benchmark"); }
done

# dotnet test prints one summary per test assembly; add them up into one closing line.
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    for (i = 1; i <= NF; i++) {
      v = $(i + 1); gsub(/,/, "", v)
      if ($i == "Failed:") f += v; else if ($i == "Passed:") p += v; else if ($i == "Skipped:") s += v
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")
echo
# Name what failed at the very end, where a CI log that keeps only its tail still shows it.
if grep -qE '^ +Failed [A-Za-z_]' "$log"; then
  echo "Failed tests:"
  grep -E '^ +Failed [A-Za-z_]' "$log" | sed -E 's/^ +Failed /  /' | sort -u
fi
if (( ${#failed_benchmarks[@]} > 0 )); then echo "Failed benchmark smoke runs: ${failed_benchmarks[*]}"; fi
# One closing line that counts the benchmark smoke runs too: a failed one must not hide behind green tests.
echo "tests: $passed passed, $failed failed, $skipped skipped; benchmarks: $(( ${#benchmarks[@]} - ${#failed_benchmarks[@]} )) passed, ${#failed_benchmarks[@]} failed"
if (( passed == 0 )); then echo "No test ran." >&2; exit 1; fi
exit "$status"
