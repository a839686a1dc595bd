-- wrk script: GET <prefix><handle>, rotating over a file of handles (one a line), so the run
-- touches many different rows instead of one hot, cached one.
-- usage: wrk -s bench/rotate-handles.lua URL -- /api/v1/users/ handles.txt
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local handles = {}
local prefix = "/"
local i = 0

function init(args)
  prefix = args[1] or "/"
  for line in io.lines(args[2]) do
    if #line > 0 then handles[#handles + 1] = line end
  end
  assert(#handles > 0, "no handles in " .. tostring(args[2]))
  -- Threads start at different places in the list.
  i = (((thread_id or 1) - 1) * 7919) % #handles
end

function request()
  i = i % #handles + 1
  return wrk.format("GET", prefix .. handles[i])
end
