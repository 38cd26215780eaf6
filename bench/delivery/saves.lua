-- wrk script for durable answer saves: PUT /api/v1/attempts/{id}/answers/{item} with a
-- per-item sequence number that grows with every request, spread over many started attempts.
--
--   LANES=lanes.txt ITEMS=items.txt wrk -t2 -c256 -d30s --latency -s saves.lua http://127.0.0.1:PORT
--
-- lanes.txt: "attempt_id token" per line (delivery_bench seed); items.txt: item ids (delivery_bench items).
-- Each wrk thread owns a disjoint share of the attempts, so sequence numbers only grow. Any
-- status other than 200 counts as an error and is reported at the end.

local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

local lanes, items = {}, {}
local counter, errors, non200 = 0, 0, {}

function init(args)
  local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("LANES")) do
    local id, token = line:match("^(%d+)%s+(%S+)$")
    if id and (i % nthreads) == tid then
      table.insert(lanes, {id = id, auth = "Bearer " .. token})
    end
    i = i + 1
  end
  for line in io.lines(os.getenv("ITEMS")) do
    if #line > 0 then table.insert(items, line) end
  end
end

function request()
  local lane = lanes[(counter % #lanes) + 1]
  local item = items[(math.floor(counter / #lanes) % #items) + 1]
  counter = counter + 1
  -- Sequence: the round number, strictly increasing per (attempt, item) within this thread.
  local seq = math.floor(counter / #lanes) + 1
  local body = '{"sequence":' .. seq .. ',"response":{"choice":["A"],"n":' .. seq .. '}}'
  return wrk.format("PUT", "/api/v1/attempts/" .. lane.id .. "/answers/" .. item,
                    {["Authorization"] = lane.auth, ["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
    non200[status] = (non200[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format('{"requests": %d, "duration_s": %.2f, "saves_per_s": %.0f, "p50_ms": %.2f, "p90_ms": %.2f, ' ..
                         '"p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, "non_2xx": %d}\n',
                         summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000,
                         summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                         summary.errors.status))
end
