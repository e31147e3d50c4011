-- Removes node id ARGV[1] from the hash KEYS[1] if the owner ARGV[2] holds it.
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry and string.match(entry, '^[^,]+,([^,]*)') == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return 1
