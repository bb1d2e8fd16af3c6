-- Registration with on-site admission (POST /api/membership/members): every request a different person. The harness
-- writes the resident ID numbers (valid GB 11643 check digits, io.gucun.bench.BenchApi) to a file, one a line; thread k
-- of T sends lines k, k+T, k+2T, ... Arguments after "--": <ids file> <org id> <threads>.
local created = 0
function setup(thread)
  thread:set("thread_index", created)
  created = created + 1
end

function init(args)
  local threads = tonumber(args[3])
  ids = {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % threads == thread_index then
      ids[#ids + 1] = line
    end
    n = n + 1
  end
  org = args[2]
  next_id = 0
  math.randomseed(os.time() + 7919 * thread_index)
end

function request()
  -- past the end the numbers repeat: the service answers 409 and wrk counts the errors, so a short file shows
  local id = ids[(next_id % #ids) + 1]
  next_id = next_id + 1
  local mobile = string.format("138%08d", math.random(0, 99999999))
  local body = '{"idNumber":"' .. id .. '","name":"压测","mobile":"' .. mobile
    .. '","employmentForm":"PLATFORM_GIG","occupationCategory":"COURIER","orgId":' .. org .. '}'
  return wrk.format("POST", nil, nil, body)
end
