-- wrk script: GET one path as many signed-in viewers, rotating over a file of bearer tokens (one a line), so a run
-- reads many viewers' feeds instead of one viewer's cached rows.
-- usage: wrk -s bench/rotate-token.lua URL -- /api/v1/feed/following tokens.txt
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

local tokens = {}
local path = "/"
local i = 0

function init(args)
  path = args[1] or "/"
  for line in io.lines(args[2]) do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  assert(#tokens > 0, "no tokens in " .. tostring(args[2]))
  -- Threads start at different places in the list.
  i = (((thread_id or 1) - 1) * 7919) % #tokens
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[i] })
end
