-- wrk script: GET <prefix><key>, rotating over a file of keys (one a line: handles, listing ids), so the run
-- touches many different rows instead of one hot, cached one.
-- usage: wrk -s bench/rotate.lua URL -- /api/v1/users/ handles.txt
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local keys = {}
local prefix = "/"
local i = 0

function init(args)
  prefix = args[1] or "/"
  for line in io.lines(args[2]) do
    if #line > 0 then keys[#keys + 1] = line end
  end
  assert(#keys > 0, "no keys in " .. tostring(args[2]))
  -- Threads start at different places in the list.
  i = (((thread_id or 1) - 1) * 7919) % #keys
end

function request()
  i = i % #keys + 1
  return wrk.format("GET", prefix .. keys[i])
end
