-- Shared by the bench scripts: thread numbering and one machine-readable summary line.
-- Each wrk thread runs its own Lua state; setup() runs in the main state once per thread, so
-- it hands each thread its number (for disjoint id ranges and distinct random seeds).
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

-- run.sh parses this line: latencies in microseconds, errors split into HTTP status >= 400
-- and socket errors (connect, read, write, timeout).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

function json_headers(cookie)
  local h = {["Content-Type"] = "application/json"}
  if cookie ~= nil and cookie ~= "" then h["Cookie"] = cookie end
  return h
end
