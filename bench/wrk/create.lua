-- POST /api/v1/disputes: a buyer files a case, each request on an order of its own
-- (BX + 9 digits, made by `accord-fill orders`): one open case per order is the rule.
-- wrk ... -s create.lua URL -- COOKIE FIRST PER_THREAD
-- Thread k files on orders FIRST + k*PER_THREAD, +1, ... (disjoint across threads and runs).
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")

local headers, next_order, last_order

function init(args)
  headers = json_headers(args[1])
  local first, per_thread = tonumber(args[2]), tonumber(args[3])
  next_order = first + (id or 0) * per_thread
  last_order = next_order + per_thread - 1
end

function request()
  local n = next_order
  if n < last_order then next_order = n + 1 end  -- out of orders: repeats refuse (counted as errors)
  local body = string.format(
    '{"kind":"buyer_vs_merchant","order_ref":"BX%09d","category":"quality_defect",' ..
    '"requested_remedy":"full_refund","amount_minor":89900,"currency":"CNY",' ..
    '"description":"耳机左边没有声音，无法正常使用","channel":"web"}', n)
  return wrk.format("POST", "/api/v1/disputes", headers, body)
end
