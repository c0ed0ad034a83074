#!/usr/bin/env bash
# Runs CI's command (.ci/run) on fresh clones of the committed HEAD while a CPU hog keeps every
# core busy, as CI's machine often is; prints each run's result and wall time, and exits non-zero
# if any run failed. It proves that no test or benchmark smoke run depends on a quiet machine.
#
#   scripts/test-under-load.sh             three runs in a row
#   scripts/test-under-load.sh --runs N    N runs
#
# Installs stress-ng (the hog) when it is missing; starts and stops it itself. Uncommitted
# changes are not in the clones: commit first. A passed run's clone is removed when the next run
# ends; a failed run's is kept, with its log in <clone>/ci.log.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

runs=3
if [[ "${1:-}" == "--runs" ]]; then
  runs=${2:?--runs needs a number}
  [[ "$runs" =~ ^[1-9][0-9]?$ ]] || { echo "--runs takes a number from 1 to 99" >&2; exit 2; }
elif [[ $# -gt 0 ]]; then
  echo "usage: scripts/test-under-load.sh [--runs N]" >&2; exit 2
fi

if ! command -v stress-ng >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: stress-ng"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends stress-ng >/dev/null
fi

hog=""
stop_hog() { if [[ -n "$hog" ]]; then kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true; hog=""; fi; }
trap stop_hog EXIT INT TERM

results=()
failed=0
for ((n = 1; n <= runs; n++)); do
  clone=$(mktemp -d "${TMPDIR:-/tmp}/moviepipeline-load-$n-XXXX")
  git clone -q "$repo" "$clone"
  commit=$(git -C "$clone" rev-parse --short HEAD)
  # One busy worker per core, for the whole run.
  stress-ng --cpu "$(nproc)" --quiet &
  hog=$!
  start=$(date +%s)
  echo "Run $n of $runs: .ci/run on a clone of $commit in $clone, beside stress-ng --cpu $(nproc)..."
  if (cd "$clone" && CI=true bash .ci/run > "$clone/ci.log" 2>&1); then outcome=passed; else outcome="FAILED (exit $?)"; failed=$((failed + 1)); fi
  stop_hog
  seconds=$(( $(date +%s) - start ))
  summary=$(grep -E '^tests: ' "$clone/ci.log" | tail -n 1 || true)
  results+=("run $n: $outcome in $((seconds / 60)) min $((seconds % 60)) s; ${summary:-no closing line} (log: $clone/ci.log)")
  echo "${results[-1]}"
  [[ $outcome == passed ]] || tail -n 30 "$clone/ci.log"
  # Keep the last clone and every failed one: each holds a full build.
  if [[ -n "${previous:-}" ]]; then rm -rf "$previous"; fi
  previous=""
  [[ $outcome != passed ]] || previous=$clone
done

echo
printf '%s\n' "${results[@]}"
echo "under load: $((runs - failed)) passed, $failed failed"
exit $(( failed > 0 ))
