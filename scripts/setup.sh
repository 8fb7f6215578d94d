#!/usr/bin/env bash
# Installs everything Accord needs on Debian 12 and fetches third-party sources.
# Safe to re-run: each step checks what is already there and skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi

# --- Debian packages ---------------------------------------------------------
PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl xz-utils dpkg-dev
  libsqlite3-dev sqlite3 libcpp-httplib-dev nlohmann-json3-dev doctest-dev libsodium-dev libcli11-dev
  libssl-dev zlib1g-dev libbrotli-dev
  emscripten chromium fonts-noto-cjk python3 python3-fonttools brotli gcovr
)
# The machine may already carry a non-Debian Node.js that bundles npm; Debian's npm
# would conflict with it, so only ask for Node/npm when they are missing.
command -v node >/dev/null || PACKAGES+=(nodejs)
command -v npm  >/dev/null || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_src=0
[ -f third_party/imgui/imgui.cpp ] || need_src=1
if [ ${#missing[@]} -gt 0 ] || [ $need_src -eq 1 ]; then
  # apt-get source needs deb-src entries: derive them from the machine's own sources.
  if [ -f /etc/apt/sources.list.d/debian.sources ] && [ ! -f /etc/apt/sources.list.d/debian-src.sources ]; then
    log "adding deb-src entries derived from /etc/apt/sources.list.d/debian.sources"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | $SUDO tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  elif [ -f /etc/apt/sources.list ] && ! grep -q '^deb-src' /etc/apt/sources.list; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $SUDO tee /etc/apt/sources.list.d/debian-src.list >/dev/null
  fi
  log "apt-get update"
  $SUDO apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Dear ImGui sources for the WASM build (Debian ships only a native lib) ----
if [ $need_src -eq 1 ]; then
  log "fetching Dear ImGui sources (apt-get source imgui)"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq imgui >/dev/null 2>&1 || apt-get source imgui)
  src=$(find "$tmp" -maxdepth 1 -type d -name 'imgui-*' | head -1)
  [ -n "$src" ] || { echo "setup: apt-get source imgui produced nothing" >&2; exit 1; }
  rm -rf third_party/imgui && mkdir -p third_party && mv "$src" third_party/imgui
  rm -rf "$tmp"
fi

# --- CJK font subset for the web client --------------------------------------
# Rebuilt when the script or any UI source is newer: a new string's characters must be in the font.
font=assets/fonts/generated/accord-cjk.otf
if [ ! -f "$font" ] || [ assets/fonts/make_subset.py -nt "$font" ] ||
   [ -n "$(find client shared web -newer "$font" \( -name '*.cpp' -o -name '*.hpp' -o -name '*.js' -o -name '*.html' \) -print -quit)" ]; then
  log "building the CJK font subset"
  /usr/bin/python3 assets/fonts/make_subset.py \
    --source /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
    --strings client shared \
    --out assets/fonts/generated/accord-cjk.otf
fi

# --- npm tooling for the browser tests ---------------------------------------
if [ ! -d tests/e2e/node_modules/playwright-core ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  log "installing browser-test tooling (npm ci in tests/e2e)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
log "set-up complete"
