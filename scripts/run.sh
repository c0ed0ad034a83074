#!/usr/bin/env bash
# Runs MoviePipeline on this machine: a private PostgreSQL (data in .data/postgres), one silo
# and the REST gateway. Ctrl-C stops everything cleanly; projects survive a restart.
#
#   scripts/run.sh                 embedded PostgreSQL on 127.0.0.1:54329, gateway on http://127.0.0.1:5000
#   MOVIEPIPELINE_DB='Host=...;Database=...;Username=...' scripts/run.sh
#                                  use that database instead (the schema is applied at silo start)
#   MOVIEPIPELINE_URL, MOVIEPIPELINE_PG_PORT, MOVIEPIPELINE_DATA override the defaults.
#   scripts/run.sh --silos N       N silos on one database (a cluster on one machine)
#
# Connections are a budget: each silo opens at most Database__MaxPoolSize (default 20) connections
# and the gateway 4, so the embedded server gets max_connections = N x 20 + 4 + 10 for admin tools
# (at least 100). With MOVIEPIPELINE_DB, size that server's max_connections the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

silos=1
if [[ "${1:-}" == "--silos" ]]; then
  silos=${2:?--silos needs a number}
  [[ "$silos" =~ ^[1-9][0-9]?$ ]] || { echo "--silos takes a number from 1 to 99" >&2; exit 2; }
fi
url=${MOVIEPIPELINE_URL:-http://127.0.0.1:5000}
data=${MOVIEPIPELINE_DATA:-$repo/.data}
pg_port=${MOVIEPIPELINE_PG_PORT:-54329}

scripts/install-deps.sh
echo "Building (Release)..."
dotnet build MoviePipeline.sln -c Release -nologo -v quiet -clp:ErrorsOnly
bin_silo=src/Silo/bin/Release/net10.0/MoviePipeline.Silo.dll
bin_gateway=src/Gateway/bin/Release/net10.0/MoviePipeline.Gateway.dll

pids=()
embedded_pg=""
stop_all() {
  # A second Ctrl-C must not cut the shutdown short (and leave the database running).
  trap "" INT TERM
  trap - EXIT
  echo
  echo "Stopping..."
  # Gateway first, then silos (gracefully: they hand their grains over), then the database.
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n "$embedded_pg" ]]; then scripts/postgres.sh stop "$embedded_pg" || true; fi
  echo "Stopped."
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

if [[ -n "${MOVIEPIPELINE_DB:-}" ]]; then
  connection=$MOVIEPIPELINE_DB
  echo "Using the database given in MOVIEPIPELINE_DB."
else
  mkdir -p "$data"
  embedded_pg="$data/postgres"
  silo_pool=${Database__MaxPoolSize:-20}
  max_connections=$(( silos * silo_pool + 4 + 10 ))
  (( max_connections < 100 )) && max_connections=100
  connection=$(scripts/postgres.sh start "$embedded_pg" "$pg_port" "$max_connections")
fi
export ConnectionStrings__MoviePipeline="$connection"
export Media__ArtifactRoot="${Media__ArtifactRoot:-$data/artifacts}"

mkdir -p "$data/logs"
for ((n=0; n<silos; n++)); do
  Orleans__Endpoints__SiloPort=$((11111 + n)) Orleans__Endpoints__GatewayPort=$((30000 + n)) \
    Observability__SiloMetricsUrl="http://127.0.0.1:$((9464 + n))/metrics" Observability__Dashboard=true \
    dotnet "$bin_silo" > "$data/logs/silo-$n.log" 2>&1 &
  pids+=($!)
done
Observability__Dashboard=true dotnet "$bin_gateway" --urls "$url" > "$data/logs/gateway.log" 2>&1 &
pids+=($!)

# The gateway answers once it has found a silo through the database.
for _ in $(seq 1 120); do
  if curl -sf "$url/api/system/health" >/dev/null 2>&1; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process stopped at start-up; see $data/logs:" >&2; tail -n 20 "$data"/logs/*.log >&2; exit 1; }
  done
  sleep 1
done
curl -sf "$url/api/system/health" >/dev/null || { echo "The gateway did not come up; see $data/logs." >&2; exit 1; }

echo
echo "MoviePipeline is running: $url  ($silos silo(s); logs in $data/logs)"
echo "Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
echo "A process exited; see $data/logs." >&2
