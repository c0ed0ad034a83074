#!/usr/bin/env bash
# Installs the system packages MoviePipeline needs when they are missing (Debian/Ubuntu).
# Safe to run again and again: it only calls apt-get when something is absent.
#
#   scripts/install-deps.sh            what the service needs (scripts/run.sh): postgresql, ffmpeg,
#                                      espeak-ng, fonts-dejavu-core, libfontconfig1
#   scripts/install-deps.sh --tests    that, and chromium for the browser tests (scripts/test.sh)
set -euo pipefail

tests=false
case "${1:-}" in
  "") ;;
  --tests) tests=true ;;
  *) echo "usage: scripts/install-deps.sh [--tests]" >&2; exit 2 ;;
esac

need=()
# Each package once, however many of its files are missing.
want() { [[ " ${need[*]} " == *" $1 "* ]] || need+=("$1"); }
have() { command -v "$1" >/dev/null 2>&1; }

have dotnet || { echo "The .NET 10 SDK is required (https://dot.net); install it, then run this again." >&2; exit 1; }
# PostgreSQL server binaries (initdb, pg_ctl, postgres, pgbench) live under /usr/lib/postgresql/<major>/bin.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want postgresql
have ffmpeg || want ffmpeg
have ffprobe || want ffmpeg
have espeak-ng || want espeak-ng
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || want fonts-dejavu-core
ldconfig -p 2>/dev/null | grep -q libfontconfig.so.1 || want libfontconfig1
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
if $tests; then [ -x /usr/bin/chromium ] || want chromium; fi

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
