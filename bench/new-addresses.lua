-- wrk script for `make bench`: each request asks for the next address of a file (one path a line, written by
-- bench/management/commands/bench_addresses.py), so that no address is asked twice in a run, from a visitor
-- address of its own (X-Forwarded-For, read by the portal behind its one proxy), as a crowd of visitors would.
-- Usage: wrk -tN -s bench/new-addresses.lua URL -- FILE FIRST N
--   FILE: the addresses; FIRST: where in the file to start (the warm-up and the measured run take different ones);
--   N: wrk's number of threads.

local count = 0

function setup(thread)
   thread:set("number", count)
   count = count + 1
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      paths[#paths + 1] = line
   end
   -- thread k of n asks for lines FIRST + k, FIRST + k + n, ...: the threads never meet
   position = tonumber(args[2]) + number
   stride = tonumber(args[3])
   math.randomseed(position)
end

function request()
   local path = paths[(position % #paths) + 1]
   position = position + stride
   local visitor = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
   local headers = {["X-Forwarded-For"] = visitor}
   for name, value in pairs(wrk.headers) do -- wrk.format takes these headers instead of wrk's own (-H)
      headers[name] = value
   end
   return wrk.format(nil, path, headers)
end
