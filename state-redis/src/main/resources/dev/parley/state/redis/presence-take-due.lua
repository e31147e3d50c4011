-- Takes (returns and removes) up to ARGV[2] users of the schedule KEYS[1] (a sorted set scored by epoch ms) whose
-- time is at or before ARGV[1]: in one script, so each due user goes to one caller only.
local due = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
for _, user in ipairs(due) do
  redis.call('ZREM', KEYS[1], user)
end
return due
