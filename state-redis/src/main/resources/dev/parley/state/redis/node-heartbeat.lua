-- Renews the claim on node id ARGV[1] in the hash KEYS[1] for the owner ARGV[3] as of ARGV[2], writing ARGV[4]
-- ("until,owner,connections,seenAt,url", or "until,owner" for a node still starting). Returns 0, changing nothing, when another owner holds the id now.
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if entry then
  local untilMs, owner = string.match(entry, '^([^,]+),([^,]*)')
  if tonumber(untilMs) > tonumber(ARGV[2]) and owner ~= ARGV[3] then
    return 0
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
return 1
