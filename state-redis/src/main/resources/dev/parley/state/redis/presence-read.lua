-- For each user hash KEYS[i], as of ARGV[1] (epoch ms): leases past their expiry end at their expiry (they are
-- removed and may move 'ended'), then three values: live connections, the latest live expiry, 'ended' ('' for none).
local now = tonumber(ARGV[1])
local out = {}
for _, key in ipairs(KEYS) do
  local fields = redis.call('HGETALL', key)
  local live, live_until, ended, stored_ended = 0, nil, nil, nil
  local expired = {}
  for i = 1, #fields, 2 do
    local name, value = fields[i], fields[i + 1]
    local time = tonumber(value)
    if name == 'ended' then
      stored_ended = value
      if ended == nil or time > tonumber(ended) then ended = value end
    elseif string.sub(name, 1, 2) == 'c:' then
      if time > now then
        live = live + 1
        if live_until == nil or time > tonumber(live_until) then live_until = value end
      else
        expired[#expired + 1] = name
        if ended == nil or time > tonumber(ended) then ended = value end
      end
    end
  end
  for _, name in ipairs(expired) do
    redis.call('HDEL', key, name)
  end
  if ended ~= stored_ended then
    redis.call('HSET', key, 'ended', ended)
  end
  out[#out + 1] = tostring(live)
  out[#out + 1] = live_until or ''
  out[#out + 1] = ended or ''
end
return out
