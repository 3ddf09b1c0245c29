package io.openfraud.feature.subject;

import io.openfraud.events.Services;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.events.subject.SubjectDataReport.SubjectRecord;
import io.openfraud.feature.config.FeatureConfig;
import io.openfraud.feature.state.RedisKeys;
import io.openfraud.feature.state.RedisStateStore;
import io.openfraud.feature.state.StoreUnavailableException;
import io.openfraud.features.state.EntityKey;
import io.openfraud.features.state.EntityKind;
import io.openfraud.features.state.EntityState;
import io.openfraud.features.state.Windows;
import io.openfraud.web.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The subject-data interface over feature state (RGPD Art. 15, 17): what is held about a customer (their own state and
 * that of the cards they used, with counts), and its erasure. An erased pseudonym is remembered, alone, so that a
 * replay of old topics never rebuilds the state. The same operations carry out governance's {@code gdpr.commands}
 * ({@link #apply}).
 */
@ApplicationScoped
public class SubjectDataService {

    private static final Logger LOG = Logger.getLogger(SubjectDataService.class);
    static final String STORE = "redis:features";
    /** How long an erased pseudonym is remembered: as long as ingestion may keep (and so replay) transactions. */
    static final int REMEMBER_YEARS = 5;

    private final RedisStateStore store;
    private final FeatureConfig config;
    private final Clock clock = Clock.systemUTC();

    SubjectDataService(RedisStateStore store, FeatureConfig config) {
        this.store = store;
        this.config = config;
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
        return new ErasureReport(Services.FEATURE, pseudonym, now, erasureEffects(pseudonym, done, now));
    }

    /**
     * Carries out a data-subject command ({@code gdpr.commands}); idempotent. ERASE is {@link #erase}. RESTRICT and
     * OBJECT (Art. 18, 21) limit processing to storage and the purposes that survive them; this state serves only
     * fraud prevention (legitimate interest) and feature-service neither trains nor exports, so the state is kept
     * as it is and reported RETAINED with its counts; LIFT_RESTRICTION likewise. While Redis does not answer, retries
     * with a capped backoff until {@code respondBy} or {@code openfraud.features.subject-command-patience}, whichever
     * comes first.
     *
     * @return the evidence, per store and field
     * @throws StoreUnavailableException if Redis did not answer in time
     */
    public List<StoreEffect> apply(Action action, String pseudonym, Instant respondBy) {
        Instant giveUp = clock.instant().plus(config.subjectCommandPatience());
        if (respondBy != null && respondBy.isBefore(giveUp)) {
            giveUp = respondBy;
        }
        return switch (action) {
            case ERASE -> {
                RedisStateStore.Erasure done = untilAnswered(() -> store.erase(pseudonym), giveUp);
                yield erasureEffects(pseudonym, done, clock.instant());
            }
            case RESTRICT, OBJECT, LIFT_RESTRICTION -> {
                int held = untilAnswered(() -> store.subject(pseudonym), giveUp).size();
                Instant now = clock.instant();
                yield List.of(new StoreEffect(STORE, RedisKeys.entity(EntityKind.CUSTOMER, pseudonym)
                        + " and the subject's card states", held, StoreEffect.Effect.RETAINED,
                        (action == Action.LIFT_RESTRICTION ? "processing resumed (restriction lifted); "
                                : "kept for fraud prevention only (legitimate interest, Art. 6(1)(f)); ")
                                + "feature-service does no training and no exports; the state expires 9 days after "
                                + "the subject's last transaction",
                        LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(RedisStateStore.TTL.toDays())));
            }
        };
    }

    private static List<StoreEffect> erasureEffects(String pseudonym, RedisStateStore.Erasure done, Instant now) {
        return List.of(
                new StoreEffect(STORE, RedisKeys.entity(EntityKind.CUSTOMER, pseudonym),
                        done.customerStates(), StoreEffect.Effect.ERASED, null, null),
                new StoreEffect(STORE, RedisKeys.entityPrefix(EntityKind.CARD)
                        + "<the subject's card tokens>", done.cardStates(), StoreEffect.Effect.ERASED, null, null),
                new StoreEffect(STORE, RedisKeys.ERASED, done.remembered(), StoreEffect.Effect.RETAINED,
                        "RGPD Art. 17 and 19: the pseudonym alone is kept so that a replay of retained transactions "
                                + "never rebuilds the erased state",
                        LocalDate.ofInstant(now, ZoneOffset.UTC).plusYears(REMEMBER_YEARS)));
    }

    private <T> T untilAnswered(Supplier<T> call, Instant giveUp) {
        Duration pause = config.streamRetryInitial();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (!clock.instant().plus(pause).isBefore(giveUp)) {
                    throw e;
                }
                if (attempt == 1) {
                    LOG.warnf("feature store unavailable for a data-subject command, retrying: %s", e.getMessage());
                }
                try {
                    Thread.sleep(pause.toMillis()); // a backoff between attempts, not a synchronisation
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                Duration doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(config.streamRetryMax()) > 0 ? config.streamRetryMax() : doubled;
            }
        }
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (StoreUnavailableException e) {
            throw new ProblemException(503, "The feature store is unavailable; try again shortly.");
        }
    }
}
