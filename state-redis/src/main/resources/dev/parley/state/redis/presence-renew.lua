-- Leases: connection ARGV[2 + i] of the user whose hash is KEYS[i] is live until ARGV[1] (epoch ms).
-- Each user's hash is kept ARGV[2] ms after its last change.
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'c:' .. ARGV[2 + i], ARGV[1])
  redis.call('PEXPIRE', key, ARGV[2])
end
return #KEYS
