-- Records ARGV[1] as what others were told of the user whose hash is KEYS[1]; returns what they were told before
-- (nil: nothing yet). The hash is kept ARGV[2] ms after this change.
local before = redis.call('HGET', KEYS[1], 'announced')
redis.call('HSET', KEYS[1], 'announced', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return before
