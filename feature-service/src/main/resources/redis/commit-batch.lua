-- Folds a whole stream batch in one atomic step, or nothing (feature-service RedisStateStore.commitBatch).
-- The caller read every state once at the start of the batch and chained the batch's folds in Java; this checks that
-- nothing changed since (no marker set, no erasure flag flipped, every entity still in the state read) and writes each
-- entity's final state once, the customers' card links and every transaction's marker. Any difference returns 0 and
-- writes nothing: the caller then commits transaction by transaction (redis/commit.lua), which sorts it out.
-- KEYS: 1 erased-subjects set, then m markers, n entity states, c card sets
-- ARGV: 1 TTL ms, 2 m, 3 n, 4 c, 5 e (erasure checks),
--       then n states read ('' = none), n final states ('' = delete), c card tokens (one per card set),
--       then e pairs (customer pseudonym, erased flag the caller saw '0'/'1')
-- Returns 1 committed, 0 stale (nothing written).
local ttl = ARGV[1]
local m = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local c = tonumber(ARGV[4])
local e = tonumber(ARGV[5])
for i = 1, m do
  if redis.call('EXISTS', KEYS[1 + i]) == 1 then
    return 0
  end
end
local a = 5 + 2 * n + c
for i = 1, e do
  if tostring(redis.call('SISMEMBER', KEYS[1], ARGV[a + 2 * i - 1])) ~= ARGV[a + 2 * i] then
    return 0
  end
end
for i = 1, n do
  local current = redis.call('GET', KEYS[1 + m + i])
  if not current then
    current = ''
  end
  if current ~= ARGV[5 + i] then
    return 0
  end
end
for i = 1, n do
  local value = ARGV[5 + n + i]
  if value == '' then
    redis.call('DEL', KEYS[1 + m + i])
  else
    redis.call('SET', KEYS[1 + m + i], value, 'PX', ttl)
  end
end
for i = 1, c do
  redis.call('SADD', KEYS[1 + m + n + i], ARGV[5 + 2 * n + i])
  redis.call('PEXPIRE', KEYS[1 + m + n + i], ttl)
end
for i = 1, m do
  redis.call('SET', KEYS[1 + i], '1', 'PX', ttl)
end
return 1
