#!/usr/bin/env bash
# Load on the real server over loopback with wrk: health, a signed-in case list, the wasm.
# Starts its own server on a free port with a temp data dir; prints wrk's figures.
# Usage: bench/api_bench.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null; }
secs=${1:-10}
data=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
build/native/server/accord-server --port 0 --data-dir "$data" --web-root build/wasm/site --demo-data > "$data/out" &
pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$data/out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$data/out")
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"support","password":"accord-demo"}' "$url/api/v1/session" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
# A few cases so the list is not empty.
buyer=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"buyer","password":"accord-demo"}' "$url/api/v1/session" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
for ref in TB20261101-0001 TB20261101-0002 TB20261101-0003; do
  curl -s -o /dev/null -H "Cookie: $buyer" -H 'Content-Type: application/json' \
    -d "{\"order_ref\":\"$ref\",\"category\":\"quality_defect\",\"requested_remedy\":\"full_refund\",\"amount_minor\":3000,\"description\":\"商品质量问题，要求退款处理\"}" \
    "$url/api/v1/disputes"
done
echo "== GET /api/v1/health (no session)"
wrk -t2 -c32 -d"${secs}s" --latency "$url/api/v1/health" | grep -E 'Requests/sec|Latency|50%|99%'
echo "== GET /api/v1/disputes (support agent, session cookie)"
wrk -t2 -c32 -d"${secs}s" --latency -H "Cookie: $cookie" "$url/api/v1/disputes" | grep -E 'Requests/sec|Latency|50%|99%'
echo "== GET /app.wasm (brotli twin)"
wrk -t2 -c8 -d"${secs}s" --latency -H 'Accept-Encoding: br' "$url/app.wasm" | grep -E 'Requests/sec|Latency|50%|99%|Transfer'
