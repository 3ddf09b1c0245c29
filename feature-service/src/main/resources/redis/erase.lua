-- Erases a data subject's feature state and remembers the pseudonym, atomically (feature-service RedisStateStore).
-- KEYS: 1 erased-subjects set, 2 the customer's card set, 3 the customer's state
-- ARGV: 1 customer pseudonym, 2 card state key prefix
-- Returns {customer states deleted, card states deleted, 1 if newly remembered}.
local cards = redis.call('SMEMBERS', KEYS[2])
local cardsDeleted = 0
for _, token in ipairs(cards) do
  cardsDeleted = cardsDeleted + redis.call('DEL', ARGV[2] .. token)
end
redis.call('DEL', KEYS[2])
local customerDeleted = redis.call('DEL', KEYS[3])
local added = redis.call('SADD', KEYS[1], ARGV[1])
return {customerDeleted, cardsDeleted, added}
