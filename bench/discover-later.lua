-- wrk script: a later page of the discover feed. Line n of the cursors file is the next-page cursor of the first page that
-- the viewer on line n of the tokens file was shown; each request asks for one viewer's next page as that viewer.
--   wrk -s bench/discover-later.lua URL -- tokens.txt cursors.txt
local tokens, cursors, i = {}, {}, 0

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  for line in io.lines(args[2]) do cursors[#cursors + 1] = line end
  assert(#tokens > 0 and #tokens == #cursors, "one cursor per token expected")
end

function request()
  i = i % #tokens + 1
  return wrk.format("GET", "/api/v1/feed/discover?cursor=" .. cursors[i], { ["Authorization"] = "Bearer " .. tokens[i] })
end
