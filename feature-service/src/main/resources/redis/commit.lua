-- Folds one transaction into its entities' states, atomically and at most once (feature-service RedisStateStore).
-- KEYS: 1 folded marker, 2 erased-subjects set, 3 the customer's card set, 4.. entity states
-- ARGV: 1 customer pseudonym, 2 card token or '', 3 TTL ms, 4 erased flag the caller saw ('0'/'1'),
--       5..4+n states the caller saw ('' = none), 5+n..4+2n new states ('' = delete)
-- Returns 1 folded, 0 already folded, -1 stale snapshot (read again).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local erased = redis.call('SISMEMBER', KEYS[2], ARGV[1])
if tostring(erased) ~= ARGV[4] then
  return -1
end
local n = #KEYS - 3
for i = 1, n do
  local current = redis.call('GET', KEYS[3 + i])
  if not current then
    current = ''
  end
  if current ~= ARGV[4 + i] then
    return -1
  end
end
for i = 1, n do
  local value = ARGV[4 + n + i]
  if value == '' then
    redis.call('DEL', KEYS[3 + i])
  else
    redis.call('SET', KEYS[3 + i], value, 'PX', ARGV[3])
  end
end
if erased == 0 and ARGV[2] ~= '' then
  redis.call('SADD', KEYS[3], ARGV[2])
  redis.call('PEXPIRE', KEYS[3], ARGV[3])
end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
return 1
