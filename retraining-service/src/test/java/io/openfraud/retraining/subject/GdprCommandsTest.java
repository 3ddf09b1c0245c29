package io.openfraud.retraining.subject;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.gdpr.StoreEffect.Effect;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * governance's data-subject commands on gdpr.commands, on the real Kafka and PostgreSQL: carried out on the subject's
 * labels, verdicts and training exclusion, and answered on gdpr.events with answers that satisfy the topic's schema.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class GdprCommandsTest {

    private static final Duration FLOW = Duration.ofSeconds(30);
    private static final EventCodec<GdprCommand> COMMANDS = new EventCodec<>(Topics.GDPR_COMMANDS);
    private static final EventCodec<GdprEvent> EVENTS = new EventCodec<>(Topics.GDPR_EVENTS);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SubjectDataService subjects;

    private static GdprEvent command(TopicTail answers, Action action, String pseudonym) {
        String requestId = "dsr-" + UUID.randomUUID();
        GdprCommand command = new GdprCommand(requestId, action, pseudonym, Instant.now(),
                Instant.now().plus(Duration.ofDays(30)));
        Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, pseudonym,
                COMMANDS.encode(EventEnvelope.of(Topics.GDPR_COMMANDS, Services.GOVERNANCE, command, Instant.now())));
        long deadline = System.nanoTime() + FLOW.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : answers.within(Duration.ofMillis(300))) {
                GdprEvent event = EVENTS.decode(record.value()).payload();
                if (event.requestId().equals(requestId)) {
                    assertThat(record.key()).isEqualTo(requestId);
                    // governance dead-letters an answer that breaks the contract (RETAINED without basis or date)
                    assertThat(SchemaValidator.shared().validate(Topics.GDPR_EVENTS, record.value()))
                            .as("%s answer on gdpr.events", action).isEmpty();
                    assertThat(event.service()).isEqualTo(Services.RETRAINING);
                    assertThat(event.action()).isEqualTo(action);
                    return event;
                }
            }
        }
        throw new AssertionError("no answer to " + requestId + " on gdpr.events within " + FLOW);
    }

    private static StoreEffect effect(GdprEvent event, String store) {
        return event.effects().stream().filter(e -> e.store().equals(store)).findFirst()
                .orElseThrow(() -> new AssertionError("no effect on " + store + " in " + event));
    }

    @Test
    void restrictionObjectionAndErasureActOnLabelsVerdictsAndTheTrainingExclusion() throws Exception {
        String pseudonym = "cus_" + UUID.randomUUID().toString().replace("-", "");
        String transaction = "gdpr-tx-" + UUID.randomUUID();
        verdict(transaction, pseudonym);
        given().header("Authorization", Tokens.bearer("analyst")).contentType("application/json")
                .body("{\"transactionId\":\"" + transaction + "\",\"label\":\"FRAUD\",\"source\":\"ANALYST\"}")
                .post("/api/v1/labels").then().statusCode(201);
        LocalDate inFiveYears = LocalDate.now(ZoneOffset.UTC).plusYears(5);

        try (TopicTail answers = Infra.kafka().tail(Topics.GDPR_EVENTS_NAME)) {
            GdprEvent restricted = command(answers, Action.RESTRICT, pseudonym);
            assertThat(restricted.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(effect(restricted, SubjectDataService.LABELS).records()).isEqualTo(1);
            assertThat(effect(restricted, SubjectDataService.LABELS).effect()).isEqualTo(Effect.RETAINED);
            assertThat(effect(restricted, SubjectDataService.VERDICTS).records()).isEqualTo(1);
            assertThat(effect(restricted, SubjectDataService.EXCLUSIONS).records()).isEqualTo(1);
            assertThat(effect(restricted, SubjectDataService.EXCLUSIONS).legalBasis()).contains("out of training");
            assertThat(effect(restricted, SubjectDataService.LABELS).deleteAfter()).isEqualTo(inFiveYears);
            assertThat(subjects.excludedFromTraining()).contains(pseudonym);
            // the subject-data report shows the exclusion
            given().header("Authorization", Tokens.bearer("service")).get("/internal/v1/subjects/" + pseudonym)
                    .then().statusCode(200);
            assertThat(subjects.report(pseudonym).records()).anySatisfy(r ->
                    assertThat(r.store()).isEqualTo(SubjectDataService.EXCLUSIONS));

            // a redelivered command changes nothing and is answered the same way
            assertThat(effect(command(answers, Action.RESTRICT, pseudonym), SubjectDataService.EXCLUSIONS)
                    .records()).isEqualTo(1);

            GdprEvent objected = command(answers, Action.OBJECT, pseudonym);
            assertThat(effect(objected, SubjectDataService.EXCLUSIONS).records()).isEqualTo(2);

            // lifting the restriction leaves the objection: still out of training
            GdprEvent lifted = command(answers, Action.LIFT_RESTRICTION, pseudonym);
            assertThat(lifted.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(effect(lifted, SubjectDataService.EXCLUSIONS).records()).isEqualTo(1);
            assertThat(subjects.excludedFromTraining()).contains(pseudonym);

            GdprEvent erased = command(answers, Action.ERASE, pseudonym);
            assertThat(erased.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(effect(erased, SubjectDataService.LABELS).effect()).isEqualTo(Effect.ERASED);
            assertThat(effect(erased, SubjectDataService.LABELS).records()).isEqualTo(1);
            assertThat(effect(erased, SubjectDataService.VERDICTS).effect()).isEqualTo(Effect.ERASED);
            assertThat(effect(erased, SubjectDataService.VERDICTS).records()).isEqualTo(1);
            assertThat(effect(erased, SubjectDataService.EXCLUSIONS).effect()).isEqualTo(Effect.RETAINED);
            assertThat(effect(erased, SubjectDataService.EXCLUSIONS).deleteAfter()).isEqualTo(inFiveYears);
            given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/labels/" + transaction).then()
                    .statusCode(404);
            assertThat(count("SELECT count(*) FROM scored_outcomes WHERE customer_pseudonym = ?", pseudonym))
                    .isZero();
            assertThat(count("SELECT count(*) FROM subject_training_exclusions WHERE subject_pseudonym = ? AND "
                    + "kind = 'ERASE'", pseudonym)).isEqualTo(1);
            assertThat(subjects.excludedFromTraining()).contains(pseudonym);

            // erasing again: nothing left, answered DONE
            GdprEvent again = command(answers, Action.ERASE, pseudonym);
            assertThat(again.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(effect(again, SubjectDataService.LABELS).records()).isZero();
        } finally {
            execute("DELETE FROM subject_training_exclusions WHERE subject_pseudonym = ?", pseudonym);
        }
    }

    @Test
    void anUnreadableCommandIsDeadLetteredWithItsReason() {
        try (TopicTail dlq = Infra.kafka().tail(Topics.GDPR_COMMANDS.dlqName())) {
            Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, "x", "{\"type\":\"gdpr.command\"}");
            assertThat(dlq.next(1, FLOW).get(0).headers().lastHeader(io.openfraud.events.DeadLetters.REASON_CODE))
                    .isNotNull();
        }
    }

    private void verdict(String transaction, String pseudonym) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO scored_outcomes (transaction_id, model_version, customer_pseudonym, score, decision, "
                        + "event_time, scored_at) VALUES (?, 'gdpr-test', ?, 0.93, 'DECLINE', ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setString(1, transaction);
            ps.setString(2, pseudonym);
            ps.setTimestamp(3, now);
            ps.setTimestamp(4, now);
            ps.executeUpdate();
        }
    }

    private long count(String sql, String value) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void execute(String sql, String value) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }
}
