-- Takes one token from the bucket KEYS[1] (a hash: tokens, at) holding at most ARGV[1] tokens, refilled at ARGV[2]
-- per second, at the caller's time ARGV[3] (epoch ms). The arithmetic is TokenBucket's, in the same doubles.
-- Returns 0 when granted, else the ms until a token is there. The key expires when the bucket would be full again,
-- which is the same as no key at all.
local burst = tonumber(ARGV[1])
local per_second = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * per_second / 1000.0)
  at = now
end
local wait = 0
if tokens >= 1.0 then
  tokens = tokens - 1.0
else
  wait = math.max(1, math.ceil((1.0 - tokens) * 1000.0 / per_second))
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((burst - tokens) * 1000.0 / per_second)))
return wait
