-- GET a path with {id} replaced by a random id in [lo, hi] on every request.
-- wrk ... -s read.lua URL -- COOKIE PATTERN LO HI
--   /api/v1/disputes/{id}                    one case
--   /api/v1/disputes/{id}/events             its timeline
--   /api/v1/disputes?limit=50&before={id}    a page of 50 from anywhere in the list
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local headers, pattern, lo, hi

function init(args)
  headers = json_headers(args[1])
  headers["Content-Type"] = nil
  pattern = args[2]
  lo, hi = tonumber(args[3]), tonumber(args[4])
  math.randomseed(os.time() * 1000 + (id or 0) * 7919)
end

function request()
  local path = pattern:gsub("{id}", tostring(math.random(lo, hi)))
  return wrk.format("GET", path, headers)
end
