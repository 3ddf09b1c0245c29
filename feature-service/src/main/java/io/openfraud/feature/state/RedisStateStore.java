package io.openfraud.feature.state;

import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.feature.config.FeatureConfig;
import io.openfraud.features.EntityStates;
import io.openfraud.features.online.Snapshot;
import io.openfraud.features.online.StateStore;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.EntityStateCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entity state in Redis (layout in {@link RedisKeys}). Reads are one pipelined round trip per call (an {@code MGET}
 * of the marker and the states plus a {@code SISMEMBER} per transaction); a fold is one Lua script that checks the
 * marker, the erasure and the states it was computed from, then writes the new states, the card link and the marker
 * together: a crash can neither lose a fold nor apply it twice. Redis holds bytes only: every number is computed in
 * Java ({@code fraud-features}), so online and offline agree bit for bit.
 */
@ApplicationScoped
public class RedisStateStore implements StateStore {

    /** State and markers outlive the feature set's event-time expiry (8 days) by a day, and topics' 7-day retention. */
    public static final Duration TTL = Duration.ofMillis(EntityState.EXPIRY_MILLIS).plusDays(1);

    private final Redis redis;
    private final Duration timeout;
    private final Script commit = new Script("redis/commit.lua");
    private final Script commitBatch = new Script("redis/commit-batch.lua");
    private final Script erase = new Script("redis/erase.lua");

    RedisStateStore(Redis redis, FeatureConfig config) {
        this.redis = redis;
        this.timeout = config.storeTimeout();
    }

    @Override
    public Snapshot load(MaskedTransaction t) {
        return loadAll(List.of(t)).get(0);
    }

    /**
     * Snapshots of many transactions in one pipelined round trip of three commands, whatever the batch size: an
     * {@code MGET} of the markers, an {@code MGET} of the distinct entity states (a hot counterparty is read and
     * decoded once) and an {@code SMISMEMBER} of the distinct customers against the erased set.
     */
    public List<Snapshot> loadAll(List<MaskedTransaction> transactions) {
        Reads reads = new Reads(transactions);
        return reads.snapshots(batch(reads.requests()));
    }

    /**
     * The snapshot of one transaction without blocking: for the REST path on the event loop. Fails with
     * {@link StoreUnavailableException} if Redis fails or does not answer within the store timeout.
     */
    public Uni<Snapshot> loadAsync(MaskedTransaction t) {
        Reads reads = new Reads(List.of(t));
        return redis.batch(reads.requests()).ifNoItem().after(timeout)
                .failWith(() -> new StoreUnavailableException("Redis: no answer within " + timeout, null))
                .onFailure(e -> !(e instanceof StoreUnavailableException))
                .transform(e -> new StoreUnavailableException("Redis: " + e, e))
                .map(responses -> reads.snapshots(responses).get(0));
    }

    /** The reads of a list of transactions: the requests, and the snapshots from their answers. */
    private static final class Reads {

        private final List<MaskedTransaction> transactions;
        private final Map<EntityKey, Integer> entityIndex = new LinkedHashMap<>();
        private final Map<String, Integer> customerIndex = new LinkedHashMap<>();

        Reads(List<MaskedTransaction> transactions) {
            this.transactions = transactions;
            for (MaskedTransaction t : transactions) {
                for (EntityKey key : EntityStates.keysOf(t)) {
                    entityIndex.putIfAbsent(key, entityIndex.size());
                }
                customerIndex.putIfAbsent(t.customer().pseudonym(), customerIndex.size());
            }
        }

        List<Request> requests() {
            Request markers = Request.cmd(Command.MGET);
            transactions.forEach(t -> markers.arg(RedisKeys.folded(t.transactionId())));
            Request entities = Request.cmd(Command.MGET);
            entityIndex.keySet().forEach(key -> entities.arg(RedisKeys.entity(key)));
            Request erased = Request.cmd(Command.SMISMEMBER).arg(RedisKeys.ERASED);
            customerIndex.keySet().forEach(erased::arg);
            return List.of(markers, entities, erased);
        }

        List<Snapshot> snapshots(List<Response> responses) {
            Response states = responses.get(1);
            EntityState[] decoded = new EntityState[entityIndex.size()];
            for (int i = 0; i < decoded.length; i++) {
                decoded[i] = EntityStateCodec.decode(bytes(states.get(i)));
            }
            List<Snapshot> snapshots = new ArrayList<>(transactions.size());
            for (int i = 0; i < transactions.size(); i++) {
                MaskedTransaction t = transactions.get(i);
                EntityStates before = EntityStates.EMPTY;
                for (EntityKey key : EntityStates.keysOf(t)) {
                    before = before.with(key.kind(), decoded[entityIndex.get(key)]);
                }
                boolean isErased = responses.get(2).get(customerIndex.get(t.customer().pseudonym())).toLong() == 1;
                snapshots.add(new Snapshot(responses.get(0).get(i) != null, isErased, before));
            }
            return snapshots;
        }
    }

    /**
     * Commits a whole stream batch in one atomic script ({@code redis/commit-batch.lua}) if nothing it was read from
     * changed since: each entity's final state written once, every marker and card link set. The folds must be those
     * of one batch, in order, each chained on the previous ones of the same entities (as {@code FeatureService}
     * prepares them) and none folded before.
     *
     * @return true if committed; false if something changed (nothing was written: commit them one by one instead)
     */
    public boolean commitBatch(List<Fold> folds) {
        Map<EntityKey, byte[][]> entities = new LinkedHashMap<>(); // key -> {state read, final state}
        Map<String, String> erasedSeen = new LinkedHashMap<>();
        java.util.Set<List<String>> cardLinks = new java.util.LinkedHashSet<>();
        List<Object> keys = new ArrayList<>();
        keys.add(RedisKeys.ERASED);
        for (Fold f : folds) {
            MaskedTransaction t = f.transaction();
            keys.add(RedisKeys.folded(t.transactionId()));
            for (EntityKey key : EntityStates.keysOf(t)) {
                byte[] after = EntityStateCodec.encode(f.after().get(key.kind()));
                byte[][] pair = entities.get(key);
                if (pair == null) {
                    entities.put(key, new byte[][] {EntityStateCodec.encode(f.before().states().get(key.kind())),
                            after});
                } else {
                    pair[1] = after;
                }
            }
            erasedSeen.putIfAbsent(t.customer().pseudonym(), f.before().erased() ? "1" : "0");
            if (!f.before().erased() && t.card() != null && t.card().token() != null) {
                cardLinks.add(List.of(RedisKeys.cardsOf(t.customer().pseudonym()), t.card().token()));
            }
        }
        entities.keySet().forEach(k -> keys.add(RedisKeys.entity(k)));
        cardLinks.forEach(link -> keys.add(link.get(0)));
        List<Object> args = new ArrayList<>();
        args.add(Long.toString(TTL.toMillis()));
        args.add(Integer.toString(folds.size()));
        args.add(Integer.toString(entities.size()));
        args.add(Integer.toString(cardLinks.size()));
        args.add(Integer.toString(erasedSeen.size()));
        entities.values().forEach(pair -> args.add(pair[0]));
        entities.values().forEach(pair -> args.add(pair[1]));
        cardLinks.forEach(link -> args.add(link.get(1)));
        erasedSeen.forEach((customer, flag) -> {
            args.add(customer);
            args.add(flag);
        });
        return commitBatch.run(keys, args).toLong() == 1;
    }

    @Override
    public Commit commit(MaskedTransaction t, Snapshot before, EntityStates after) {
        Script.Call call = commitCall(t, before, after);
        return commitResult(commit.run(call.keys(), call.args()).toLong());
    }

    /**
     * Commits many folds in one pipelined round trip, in order; each is checked against the states it was computed
     * from, so a fold chained on the previous one of the same batch succeeds once that one did.
     *
     * @param folds each transaction with the snapshot it was folded from and its states after
     * @return one outcome per fold, in order
     */
    public List<Commit> commitAll(List<Fold> folds) {
        List<Request> requests = new ArrayList<>(folds.size());
        for (Fold f : folds) {
            Script.Call call = commitCall(f.transaction(), f.before(), f.after());
            requests.add(commit.request(Command.EVALSHA, commit.sha, call.keys(), call.args()));
        }
        List<Response> responses;
        try {
            responses = redis.batch(requests).await().atMost(timeout);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                throw unavailable(e);
            }
            // a restarted or flushed server: commit one by one, which loads the script again
            List<Commit> commits = new ArrayList<>(folds.size());
            folds.forEach(f -> commits.add(commit(f.transaction(), f.before(), f.after())));
            return commits;
        }
        List<Commit> commits = new ArrayList<>(folds.size());
        responses.forEach(r -> commits.add(commitResult(r.toLong())));
        return commits;
    }

    /**
     * One fold to commit.
     *
     * @param transaction the transaction
     * @param before      the snapshot its vector and fold came from
     * @param after       its entities' states after it
     */
    public record Fold(MaskedTransaction transaction, Snapshot before, EntityStates after) {
    }

    private static Commit commitResult(long result) {
        return result == 1 ? Commit.FOLDED : result == 0 ? Commit.ALREADY_FOLDED : Commit.CONFLICT;
    }

    private Script.Call commitCall(MaskedTransaction t, Snapshot before, EntityStates after) {
        List<EntityKey> keys = EntityStates.keysOf(t);
        List<Object> keyNames = new ArrayList<>();
        keyNames.add(RedisKeys.folded(t.transactionId()));
        keyNames.add(RedisKeys.ERASED);
        keyNames.add(RedisKeys.cardsOf(t.customer().pseudonym()));
        keys.forEach(k -> keyNames.add(RedisKeys.entity(k)));
        List<Object> args = new ArrayList<>();
        args.add(t.customer().pseudonym());
        args.add(t.card() == null || t.card().token() == null ? "" : t.card().token());
        args.add(Long.toString(TTL.toMillis()));
        args.add(before.erased() ? "1" : "0");
        keys.forEach(k -> args.add(EntityStateCodec.encode(before.states().get(k.kind()))));
        keys.forEach(k -> args.add(EntityStateCodec.encode(after.get(k.kind()))));
        return new Script.Call(keyNames, args);
    }

    /** The current state of one entity ({@link EntityState#EMPTY} if none). */
    public EntityState entity(EntityKind kind, String token) {
        Response r = send(Request.cmd(Command.GET).arg(RedisKeys.entity(kind, token)));
        return EntityStateCodec.decode(bytes(r));
    }

    /** Bytes Redis uses for one entity's key and value ({@code MEMORY USAGE}), 0 if absent. */
    public long memoryUsage(EntityKind kind, String token) {
        Response r = send(Request.cmd(Command.MEMORY).arg("USAGE").arg(RedisKeys.entity(kind, token)));
        return r == null ? 0 : r.toLong();
    }

    /**
     * A customer's feature state: their own and that of the cards they used.
     *
     * @return entity to state, customer first; empty if nothing is held
     */
    public Map<EntityKey, EntityState> subject(String customerPseudonym) {
        Map<EntityKey, EntityState> held = new LinkedHashMap<>();
        EntityState customer = entity(EntityKind.CUSTOMER, customerPseudonym);
        if (customer != EntityState.EMPTY) {
            held.put(new EntityKey(EntityKind.CUSTOMER, customerPseudonym), customer);
        }
        Response cards = send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.cardsOf(customerPseudonym)));
        if (cards != null) {
            for (Response token : cards) {
                EntityState card = entity(EntityKind.CARD, token.toString());
                if (card != EntityState.EMPTY) {
                    held.put(new EntityKey(EntityKind.CARD, token.toString()), card);
                }
            }
        }
        return held;
    }

    /**
     * What an erasure did.
     *
     * @param customerStates customer states deleted (0 or 1)
     * @param cardStates     card states deleted
     * @param remembered     1 if the pseudonym was newly added to the erased set
     */
    public record Erasure(long customerStates, long cardStates, long remembered) {
    }

    /** Deletes a customer's state and card states and remembers the pseudonym, in one atomic step. */
    public Erasure erase(String customerPseudonym) {
        Response r = erase.run(List.of(RedisKeys.ERASED, RedisKeys.cardsOf(customerPseudonym),
                RedisKeys.entity(EntityKind.CUSTOMER, customerPseudonym)),
                List.of(customerPseudonym, RedisKeys.entityPrefix(EntityKind.CARD)));
        return new Erasure(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong());
    }

    /** Whether a pseudonym was erased. */
    public boolean erased(String customerPseudonym) {
        return send(Request.cmd(Command.SISMEMBER).arg(RedisKeys.ERASED).arg(customerPseudonym)).toLong() == 1;
    }

    private static byte[] bytes(Response r) {
        return r == null ? null : r.toBytes();
    }

    private Response send(Request request) {
        try {
            return redis.send(request).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private List<Response> batch(List<Request> requests) {
        try {
            return redis.batch(requests).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static RuntimeException unavailable(RuntimeException e) {
        return e instanceof StoreUnavailableException ? e : new StoreUnavailableException("Redis: " + e, e);
    }

    /** A Lua script run by its SHA-1, loaded again after {@code NOSCRIPT} (a restarted or flushed server). */
    private final class Script {

        /** Keys and arguments of one call. */
        record Call(List<?> keys, List<?> args) {
        }

        private final String source;
        private final String sha;

        Script(String resource) {
            try (InputStream in = RedisStateStore.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource);
                }
                this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(source.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Response run(List<?> keys, List<?> args) {
            try {
                return redis.send(request(Command.EVALSHA, sha, keys, args)).await().atMost(timeout);
            } catch (RuntimeException e) {
                if (String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                    return send(request(Command.EVAL, source, keys, args));
                }
                throw unavailable(e);
            }
        }

        private Request request(Command command, String script, List<?> keys, List<?> args) {
            Request r = Request.cmd(command).arg(script).arg(keys.size());
            for (Object k : keys) {
                r.arg(k.toString());
            }
            for (Object a : args) {
                if (a instanceof byte[] b) {
                    r.arg(b);
                } else {
                    r.arg(a.toString());
                }
            }
            return r;
        }
    }
}
