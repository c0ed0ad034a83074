#!/usr/bin/env bash
# Runs every MoviePipeline benchmark and writes one markdown report (default bench-report.md):
# orchestration throughput and storage writes, status under load, memory per idle project,
# parser throughput, and pgbench beside it. See bench/README.md.
#
#   scripts/bench.sh                  the full run (about 20-30 minutes on 2 cores)
#   scripts/bench.sh --smoke          a few projects, one short rate step: checks that it works (CI)
#   scripts/bench.sh --out FILE       write the report to FILE instead
#
# It installs what is missing (PostgreSQL with pgbench, the media tools), builds Release, and starts
# and stops everything it needs: a throwaway PostgreSQL server, the silo, the gateway, the load generator.
set -euo pipefail
cd "$(dirname "$0")/.."

out=bench-report.md
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out=${2:?--out needs a file name}; shift 2 ;;
    --smoke) args+=(--smoke); shift ;;
    *) echo "usage: scripts/bench.sh [--smoke] [--out FILE]" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh
# pgbench comes with the PostgreSQL server package on Debian 12 (postgresql-contrib elsewhere).
if ! command -v pgbench >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql-contrib >/dev/null
fi

echo "Building (Release)..."
dotnet build MoviePipeline.sln -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet run -c Release --no-build --project bench/MoviePipeline.Benchmarks -- all "${args[@]}" --out "$out"
