#!/usr/bin/env bash
# Installs the system packages MoviePipeline needs when they are missing (Debian/Ubuntu).
# Safe to run again and again: it only calls apt-get when something is absent.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }

have dotnet || { echo "The .NET 10 SDK is required (https://dot.net); install it, then run this again." >&2; exit 1; }
# PostgreSQL server binaries (initdb, pg_ctl, postgres) live under /usr/lib/postgresql/<major>/bin.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
have ffmpeg || need+=(ffmpeg)
have ffprobe || need+=(ffmpeg)
have espeak-ng || need+=(espeak-ng)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libfontconfig.so.1 || need+=(libfontconfig1)
# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
