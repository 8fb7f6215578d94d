-- POST /api/v1/disputes/{id}/actions: a support agent flags litigation risk, each request on
-- another case (a case is flagged once; the fill lists those that may be, shuffled, in
-- flag-ids.txt). A full lifecycle write: load, the model's apply(), event on both chains, store.
-- wrk ... -s action.lua URL -- COOKIE IDS_FILE START COUNT THREADS
-- Thread k takes its share of lines START .. START+COUNT-1 of the file.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local headers, ids, pos = nil, {}, 1
local body = '{"action":"flag_litigation_risk","reason":"当事人表示将提起诉讼"}'

function init(args)
  headers = json_headers(args[1])
  local start, count, threads = tonumber(args[3]), tonumber(args[4]), tonumber(args[5])
  local share = math.floor(count / threads)
  local from = start + (id or 0) * share
  local line = 0
  for text in io.lines(args[2]) do
    if line >= from and line < from + share then ids[#ids + 1] = text end
    line = line + 1
    if line >= from + share then break end
  end
  if #ids == 0 then ids[1] = "1" end
end

function request()
  local case_id = ids[pos]
  pos = pos % #ids + 1  -- wrapping round repeats a flag: 409, counted as an error
  return wrk.format("POST", "/api/v1/disputes/" .. case_id .. "/actions", headers, body)
end
