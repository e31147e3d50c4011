-- Claims a node id in the hash KEYS[1] (id -> "until,owner[,connections,seenAt,url]", times in epoch ms) as of
-- ARGV[2] for the owner ARGV[4]: ARGV[1] if no live node holds it, or, when ARGV[1] is '', the lowest free id of
-- 0..1023. A free id is one with no entry or whose entry's time has come. The claim holds until ARGV[3].
-- Returns the id, or -1 when none is free.
local now = tonumber(ARGV[2])
local function held(id)
  local entry = redis.call('HGET', KEYS[1], id)
  return entry and tonumber(string.match(entry, '^[^,]+')) > now
end
local function claim(id)
  redis.call('HSET', KEYS[1], id, ARGV[3] .. ',' .. ARGV[4])
  return tonumber(id)
end
if ARGV[1] ~= '' then
  if held(ARGV[1]) then
    return -1
  end
  return claim(ARGV[1])
end
for id = 0, 1023 do
  if not held(tostring(id)) then
    return claim(tostring(id))
  end
end
return -1
