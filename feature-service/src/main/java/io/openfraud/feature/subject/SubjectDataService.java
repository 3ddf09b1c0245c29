package io.openfraud.feature.subject;

import io.openfraud.events.Services;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.events.subject.SubjectDataReport.SubjectRecord;
import io.openfraud.feature.state.RedisKeys;
import io.openfraud.feature.state.RedisStateStore;
import io.openfraud.feature.state.StoreUnavailableException;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.Windows;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The subject-data interface over feature state (RGPD Art. 15, 17): what is held about a customer (their own state and
 * that of the cards they used, with counts), and its erasure. An erased pseudonym is remembered, alone, so that a
 * replay of old topics never rebuilds the state.
 */
@ApplicationScoped
public class SubjectDataService {

    static final String STORE = "redis:features";
    /** How long an erased pseudonym is remembered: as long as ingestion may keep (and so replay) transactions. */
    static final int REMEMBER_YEARS = 5;

    private final RedisStateStore store;
    private final Clock clock = Clock.systemUTC();

    SubjectDataService(RedisStateStore store) {
        this.store = store;
    }

    public SubjectDataReport report(String pseudonym) {
        Map<EntityKey, EntityState> held = call(() -> store.subject(pseudonym));
        List<SubjectRecord> records = new ArrayList<>();
        if (!held.isEmpty()) {
            List<Map<String, Object>> data = new ArrayList<>();
            held.forEach((key, s) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("entity", key.kind().id());
                row.put("token", key.token());
                row.put("transactions", s.count());
                row.put("sumMinor", s.sumMinor());
                row.put("distinctCounterparties", s.distinctOthers());
                row.put("transactionsLast7d", s.windowCount(Windows.D7, s.lastMillis()));
                row.put("lastEventAt", Instant.ofEpochMilli(s.lastMillis()).toString());
                data.add(row);
            });
            records.add(new SubjectRecord(STORE, "features", "fraud prevention",
                    "legitimate interest (Art. 6(1)(f))", "8 days after the last transaction (event time)",
                    Services.FEATURE, false, data));
        }
        return new SubjectDataReport(Services.FEATURE, pseudonym, clock.instant(), records);
    }

    public ErasureReport erase(String pseudonym) {
        RedisStateStore.Erasure done = call(() -> store.erase(pseudonym));
        Instant now = clock.instant();
        List<StoreEffect> effects = List.of(
                new StoreEffect(STORE, RedisKeys.entity(io.openfraud.features.state.EntityKind.CUSTOMER, pseudonym),
                        done.customerStates(), StoreEffect.Effect.ERASED, null, null),
                new StoreEffect(STORE, RedisKeys.entityPrefix(io.openfraud.features.state.EntityKind.CARD)
                        + "<the subject's card tokens>", done.cardStates(), StoreEffect.Effect.ERASED, null, null),
                new StoreEffect(STORE, RedisKeys.ERASED, done.remembered(), StoreEffect.Effect.RETAINED,
                        "RGPD Art. 17 and 19: the pseudonym alone is kept so that a replay of retained transactions "
                                + "never rebuilds the erased state",
                        LocalDate.ofInstant(now, ZoneOffset.UTC).plusYears(REMEMBER_YEARS)));
        return new ErasureReport(Services.FEATURE, pseudonym, now, effects);
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            throw new ProblemException(503, "The feature store is unavailable; try again shortly.");
        }
    }
}
