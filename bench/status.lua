-- wrk script: the pay page's status question (`POST /api/order_status`), as open pay pages ask it, each order with
-- its own shopper's session cookie. bench.py fills in the orders.
local orders = {
-- ORDERS --
}
local next_order = 0

request = function()
  next_order = next_order % #orders + 1
  local order = orders[next_order]
  return wrk.format("POST", "/api/order_status", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = order[1],
  }, order[2])
end
