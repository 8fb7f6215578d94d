#!/usr/bin/env bash
# The Accord benchmark: filled stores of 100,000 and 1,000,000 cases, the API under wrk, and in
# the same run a bare cpp-httplib + SQLite server (accord-ceiling) whose figures every Accord
# figure is divided by. Prints one table: figure, value, ceiling, ratio, target, met/missed.
# Not a test: it measures this machine as it is (run it on a quiet machine).
#
#   bench/run.sh [--build DIR] [--sizes "100000 1000000"] [--seconds 10] [--conns "8 64 256"]
#                [--cache DIR] [--keep]
#
# --build    a configured native build dir (default build/native); only its targets are built
# --sizes    store sizes, in cases; each is filled once and cached (--cache, default
#            BUILD/bench-cache), then copied for each run so every run starts from the same store
# --seconds  each wrk run (default 10: the whole run at 100k + 1M takes ~15-20 minutes on
#            2 cores once the fills are cached; the 1M fill itself adds ~10 minutes once)
# --conns    connection counts (default 8 64 256)
# --keep     keep the work dir (server logs, wrk output, the copied stores)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=build/native sizes="100000 1000000" secs=10 conns="8 64 256" cache="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --seconds) secs=$2; shift 2 ;;
    --conns) conns=$2; shift 2 ;;
    --cache) cache=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
cache=${cache:-$build/bench-cache}
threads=2  # wrk threads: one per core of the 2-core machine the targets are set for

command -v wrk >/dev/null || { echo "bench: installing wrk"; apt-get install -y -qq wrk >/dev/null; }
command -v jq >/dev/null || { echo "bench: installing jq"; apt-get install -y -qq jq >/dev/null; }
echo "bench: building accord-server, accord-fill, accord-ceiling in $build"
cmake --build "$build" -j2 --target accord-server accord-fill accord-ceiling >/dev/null
server=$build/server/accord-server fill=$build/bench/accord-fill ceiling=$build/bench/accord-ceiling

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d "${TMPDIR:-/tmp}/accord-bench.XXXXXX")
mkdir -p "$work/web" "$cache"
results=$work/results.tsv  # size, figure, value, ceiling, target, unit
: > "$results"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "bench: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
kib() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
sign_in() {  # user, base url -> the session cookie
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"accord-demo\"}" "$2/api/v1/session" |
    grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//'
}
# One wrk run; appends "size op conns rps p50_ms p99_ms errors" to $work/wrk.tsv.
wrk_run() {  # size op conns url script args...
  local size=$1 op=$2 c=$3 url=$4 script=$5
  shift 5
  local out=$work/wrk-$size-$op-$c.txt
  wrk -t"$threads" -c"$c" -d"${secs}s" --timeout 10s -s "$root/bench/wrk/$script" "$url" -- "$@" > "$out" 2>&1
  local line
  line=$(grep '^RESULT' "$out") || { echo "bench: wrk failed, see $out" >&2; cat "$out" >&2; exit 1; }
  # shellcheck disable=SC2046
  eval $(echo "${line#RESULT }" | tr ' ' '\n' | sed 's/^/local /')
  local rps p50 p99 errors
  rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN {printf "%.0f", r / (d / 1e6)}')
  p50=$(awk -v u="$p50_us" 'BEGIN {printf "%.2f", u / 1000}')
  p99=$(awk -v u="$p99_us" 'BEGIN {printf "%.2f", u / 1000}')
  errors=$((status_errors + socket_errors))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$op" "$c" "$rps" "$p50" "$p99" "$errors" >> "$work/wrk.tsv"
  printf 'bench:   %-9s %3s conns  %7s req/s  p50 %7s ms  p99 %7s ms%s\n' "$op" "$c" "$rps" "$p50" "$p99" \
    "$([ "$errors" -gt 0 ] && echo "  ($errors errors)")"
}
wait_ready() {  # url pid -> waits for 200 from url while pid lives
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" = 200 ]; do
    kill -0 "$2" 2>/dev/null || { echo "bench: the server died while starting" >&2; exit 1; }
    sleep 0.01
  done
}
nconns=$(wc -w <<< "$conns")

for size in $sizes; do
  # --- the store -----------------------------------------------------------------------------
  src=$cache/fill-$size
  if [ ! -f "$src/bench-fill.json" ]; then
    echo "bench: filling $size cases into $src (once; cached for later runs)"
    rm -rf "$src.tmp"
    t=$(now_ms)
    "$fill" --data-dir "$src.tmp" --cases "$size" >/dev/null
    mv "$src.tmp" "$src"
    echo "bench: filled in $(( ($(now_ms) - t) / 1000 )) s"
  fi
  data=$work/accord-$size
  echo "bench: copying the $size-case store ($(du -sh "$src" | cut -f1))"
  cp -r --reflink=auto "$src" "$data"
  # Orders for the create runs: a disjoint block per run and wrk thread, more than it can use.
  per_thread=$((secs * 2500))
  "$fill" orders --data-dir "$data" --count $((nconns * threads * per_thread)) >/dev/null
  ref=$(jq .ref_time "$data/bench-fill.json")
  flaggable=$(jq .flaggable "$data/bench-fill.json")

  # --- accord-server: start, the API under load, the scheduler's lag -------------------------
  port=$(free_port)
  url=http://127.0.0.1:$port
  # The server's clock starts at the fill's "now": the deadlines the fill left are those of a
  # live platform (due over the coming days), not a backlog of everything since the fill ran.
  offset=$((ref - $(date +%s)))
  t0=$(now_ms)
  "$server" --data-dir "$data" --port "$port" --web-root "$work/web" --clock-offset "$offset" \
    > "$work/server-$size.out" 2> "$work/server-$size.log" &
  spid=$!
  pids+=("$spid")
  wait_ready "$url/readyz" "$spid"
  start_ms=$(( $(now_ms) - t0 ))
  rss_ready=$(kib "$spid" VmRSS)
  echo "bench: $size cases: accord-server ready in $start_ms ms, RSS $((rss_ready / 1024)) MB"
  "$fill" lag --data-dir "$data" --clock-offset "$offset" > "$work/lag-$size.json" &
  lpid=$!
  pids+=("$lpid")
  support=$(sign_in support "$url")
  merchant=$(sign_in merchant "$url")
  buyer=$(sign_in buyer "$url")
  [ -n "$support" ] && [ -n "$merchant" ] && [ -n "$buyer" ] || { echo "bench: sign-in failed" >&2; exit 1; }
  # Warm the server's statement and page caches before the first measured run.
  secs_saved=$secs secs=2
  wrk_run "$size" warmup 8 "$url" read.lua "$support" "/api/v1/disputes/{id}" 1 "$size" >/dev/null
  secs=$secs_saved
  for c in $conns; do wrk_run "$size" get "$c" "$url" read.lua "$support" "/api/v1/disputes/{id}" 1 "$size"; done
  # The demo merchant's shop holds ~3 % of the cases: pages from anywhere in its list.
  for c in $conns; do wrk_run "$size" list "$c" "$url" read.lua "$merchant" "/api/v1/disputes?limit=50&before={id}" 2 "$size"; done
  for c in $conns; do wrk_run "$size" timeline "$c" "$url" read.lua "$support" "/api/v1/disputes/{id}/events" 1 "$size"; done
  run=0
  for c in $conns; do
    wrk_run "$size" create "$c" "$url" create.lua "$buyer" $((run * threads * per_thread)) "$per_thread"
    run=$((run + 1))
  done
  run=0
  block=$((flaggable / nconns))
  for c in $conns; do
    wrk_run "$size" action "$c" "$url" action.lua "$support" "$data/flag-ids.txt" $((run * block)) "$block" "$threads"
    run=$((run + 1))
  done
  kill -TERM "$lpid"; wait "$lpid" || true
  rss_peak=$(kib "$spid" VmHWM)
  kill -TERM "$spid"; wait "$spid" || true
  lag=$(cat "$work/lag-$size.json")
  echo "bench: $size cases: RSS peak $((rss_peak / 1024)) MB; scheduler under load: $lag"

  # --- the scheduler catching up: restarted 6 hours later, everything due since fires at once --
  offset=$((ref + 6 * 3600 - $(date +%s)))
  "$server" --data-dir "$data" --port "$port" --web-root "$work/web" --clock-offset "$offset" \
    > "$work/server-$size-catchup.out" 2> "$work/server-$size-catchup.log" &
  spid=$!
  pids+=("$spid")
  "$fill" lag --data-dir "$data" --clock-offset "$offset" --until-drained --seconds 300 > "$work/catchup-$size.json"
  catchup=$(cat "$work/catchup-$size.json")
  kill -TERM "$spid"; wait "$spid" || true
  echo "bench: $size cases: scheduler catching up after 6 hours down: $catchup"

  # --- accord-ceiling on a table of as many rows, same connection counts ---------------------
  cport=$(free_port)
  curl_url=http://127.0.0.1:$cport
  "$ceiling" --db "$work/ceiling-$size.db" --rows "$size" --port "$cport" > "$work/ceiling-$size.out" 2>&1 &
  cpid=$!
  pids+=("$cpid")
  until grep -q 'listening on' "$work/ceiling-$size.out" 2>/dev/null; do
    kill -0 "$cpid" 2>/dev/null || { echo "bench: accord-ceiling died" >&2; cat "$work/ceiling-$size.out" >&2; exit 1; }
    sleep 0.05
  done
  for c in $conns; do wrk_run "$size" ceiling-get "$c" "$curl_url" read.lua "" "/api/v1/disputes/{id}" 1 "$size"; done
  for c in $conns; do wrk_run "$size" ceiling-create "$c" "$curl_url" create.lua "" 0 1000000000; done
  ceiling_rss=$(kib "$cpid" VmHWM)
  kill -TERM "$cpid"; wait "$cpid" || true

  printf '%s\t%s\t%s\t%s\t%s\n' "$size" start "$start_ms" "$rss_ready" "$rss_peak" >> "$work/server.tsv"
  printf '%s\t%s\t%s\t%s\n' "$size" "$ceiling_rss" "$lag" "$catchup" >> "$work/extra.tsv"
  rm -rf "$data" "$work/ceiling-$size.db"*
done

# --- the table ---------------------------------------------------------------------------------
# Throughput is divided by the ceiling's (writes by its create, reads by its get); latency too,
# as Accord p99 / ceiling p99. Targets: create >= 70 % of the ceiling; get and list p99 <= 10 ms
# at 64 connections (set for 1,000,000 cases); start <= 1 s and RSS <= 200 MB (at 1,000,000
# cases); scheduler lag <= 1 s (with ~100,000 pending deadlines).
echo
printf '%-46s %10s %10s %7s %10s  %s\n' figure value ceiling ratio target met/missed
printf '%s\n' "$(printf '%.0s-' {1..104})"
fmt_size() { awk -v n="$1" 'BEGIN { if (n >= 1e6 && n % 1e6 == 0) printf "%dM", n / 1e6; else if (n >= 1000 && n % 1000 == 0) printf "%dk", n / 1000; else printf "%d", n }'; }
row() { printf '%-46s %10s %10s %7s %10s  %s\n' "$@"; }
for size in $sizes; do
  s=$(fmt_size "$size")
  for op in create get list timeline action; do
    case $op in create|action) cop=ceiling-create ;; *) cop=ceiling-get ;; esac
    for c in $conns; do
      read -r rps p50 p99 errors < <(awk -v s="$size" -v o="$op" -v c="$c" '$1 == s && $2 == o && $3 == c {print $4, $5, $6, $7}' "$work/wrk.tsv")
      read -r crps cp50 cp99 cerr < <(awk -v s="$size" -v o="$cop" -v c="$c" '$1 == s && $2 == o && $3 == c {print $4, $5, $6, $7}' "$work/wrk.tsv")
      ratio=$(awk -v a="$rps" -v b="$crps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
      target="" met=""
      if [ "$op" = create ]; then
        target=">= 0.70"
        met=$(awk -v r="$ratio" 'BEGIN { if (r >= 0.70) print "met"; else printf "missed by %.0f points", (0.70 - r) * 100 }')
      fi
      note=""
      [ "$errors" -gt 0 ] && note=" [$errors errors]"
      row "$s $op @$c req/s$note" "$rps" "$crps" "$ratio" "$target" "$met"
      pratio=$(awk -v a="$p99" -v b="$cp99" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')
      target="" met=""
      if [ "$c" = 64 ] && { [ "$op" = get ] || [ "$op" = list ]; }; then
        target="<= 10 ms"
        met=$(awk -v p="$p99" 'BEGIN { if (p <= 10) print "met"; else printf "missed by %.1f ms", p - 10 }')
      fi
      row "$s $op @$c p99 ms" "$p99" "$cp99" "$pratio" "$target" "$met"
    done
  done
  read -r _ _ start_ms rss_ready rss_peak < <(awk -v s="$size" '$1 == s' "$work/server.tsv")
  IFS=$'\t' read -r _ ceiling_rss lag catchup < <(awk -F'\t' -v s="$size" '$1 == s' "$work/extra.tsv")
  start_s=$(awk -v m="$start_ms" 'BEGIN {printf "%.2f", m / 1000}')
  row "$s start to /readyz 200, s" "$start_s" "" "" "<= 1 s" \
    "$(awk -v v="$start_s" 'BEGIN { if (v <= 1) print "met"; else printf "missed by %.2f s", v - 1 }')"
  rss_mb=$((rss_peak / 1024)) crss_mb=$((ceiling_rss / 1024))
  row "$s RSS peak, MB (at ready $((rss_ready / 1024)) MB)" "$rss_mb" "$crss_mb" \
    "$(awk -v a="$rss_mb" -v b="$crss_mb" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}')" "<= 200 MB" \
    "$(awk -v v="$rss_mb" 'BEGIN { if (v <= 200) print "met"; else printf "missed by %d MB", v - 200 }')"
  max_lag=$(jq -r '.max_lag_s | . * 100 | round / 100' <<< "$lag")
  pending=$(jq -r .pending_start <<< "$lag")
  fired=$(jq -r .fired <<< "$lag")
  row "$s scheduler lag max, s ($pending pending)" "$max_lag" "" "" "<= 1 s" \
    "$(awk -v v="$max_lag" 'BEGIN { if (v <= 1) print "met"; else printf "missed by %.2f s", v - 1 }')"
  row "$s   deadlines fired during the load" "$fired" "" "" "" ""
  row "$s catch-up: $(jq -r .due_start <<< "$catchup") due at start, s" \
    "$(jq -r '.seconds | . * 100 | round / 100' <<< "$catchup")" "" "" "" "(6 h down)"
done
echo
echo "ratio: Accord / ceiling (req/s: higher is better; p99 and RSS: lower is better). Reads are divided by the"
echo "ceiling's GET of one row, writes by its INSERT of one row. wrk -t$threads, ${secs} s per run, on $(nproc) cores;"
echo "load average before the run $load_before, after $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine"
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
  git diff --quiet HEAD -- server shared || commit="$commit + uncommitted changes in server/ or shared/"
else
  commit="not a git checkout"
fi
echo "skews every figure; the ratios less so). Code: $commit."
