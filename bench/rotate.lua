-- wrk script: rotates over a file of keys (one a line), so the run touches many different rows instead of one hot,
-- cached one. Two modes:
--   GET <prefix><key> (handles, listing ids):    wrk -s bench/rotate.lua URL -- /api/v1/users/ handles.txt
--   GET <path> as the key's bearer (viewers):    wrk -s bench/rotate.lua URL -- /api/v1/feed/following tokens.txt bearer
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local keys = {}
local prefix = "/"
local bearer = false
local i = 0

function init(args)
  prefix = args[1] or "/"
  bearer = args[3] == "bearer"
  for line in io.lines(args[2]) do
    if #line > 0 then keys[#keys + 1] = line end
  end
  assert(#keys > 0, "no keys in " .. tostring(args[2]))
  -- Threads start at different places in the list.
  i = (((thread_id or 1) - 1) * 7919) % #keys
end

function request()
  i = i % #keys + 1
  if bearer then
    return wrk.format("GET", prefix, { ["Authorization"] = "Bearer " .. keys[i] })
  end
  return wrk.format("GET", prefix .. keys[i])
end
