-- Gives one token back to the bucket KEYS[1] (a hash: tokens, at), as TokenBucket.giveBack does: refilled to the
-- caller's time ARGV[3] at ARGV[2] per second, plus one, never beyond the burst ARGV[1]. A bucket with no key is
-- full already: nothing to do.
local burst = tonumber(ARGV[1])
local per_second = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  return 0
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * per_second / 1000.0)
  at = now
end
tokens = math.min(burst, tokens + 1.0)
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((burst - tokens) * 1000.0 / per_second)))
return 0
