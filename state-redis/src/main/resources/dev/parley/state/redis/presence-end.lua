-- Ends connection ARGV[1]'s lease in the user's hash KEYS[1] at ARGV[2] (epoch ms), which becomes the user's
-- 'ended' time unless a later one is recorded. Ending a lease that is gone changes nothing.
if redis.call('HDEL', KEYS[1], 'c:' .. ARGV[1]) == 1 then
  local ended = tonumber(redis.call('HGET', KEYS[1], 'ended'))
  if ended == nil or tonumber(ARGV[2]) > ended then
    redis.call('HSET', KEYS[1], 'ended', ARGV[2])
  end
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return 0
