package io.openfraud.feature;

import static io.openfraud.feature.Fixtures.WAIT;
import static io.openfraud.feature.Fixtures.customer;
import static io.openfraud.feature.Fixtures.entity;
import static io.openfraud.feature.Fixtures.publish;
import static io.openfraud.feature.Fixtures.vector;
import static io.openfraud.feature.Fixtures.withCard;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openfraud.events.DeadLetters;
import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.RedisTestResource;
import io.openfraud.platform.test.TopicTail;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** governance's data-subject commands on gdpr.commands, carried out on feature state and answered on gdpr.events. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(RedisTestResource.class)
class GdprCommandsTest {

    private static final EventCodec<GdprCommand> COMMANDS = new EventCodec<>(Topics.GDPR_COMMANDS);
    private static final EventCodec<GdprEvent> EVENTS = new EventCodec<>(Topics.GDPR_EVENTS);

    @Inject
    RedisDataSource redis;

    private static String send(Action action, String pseudonym) {
        String requestId = "dsr-" + UUID.randomUUID();
        GdprCommand command = new GdprCommand(requestId, action, pseudonym, Instant.now(),
                Instant.now().plus(Duration.ofDays(30)));
        Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, pseudonym,
                COMMANDS.encode(EventEnvelope.of(Topics.GDPR_COMMANDS, Services.GOVERNANCE, command, Instant.now())));
        return requestId;
    }

    /** feature-service's answer to {@code requestId}; every answer read is checked against the topic's schema. */
    private static GdprEvent answer(TopicTail answers, String requestId) {
        List<GdprEvent> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (ConsumerRecord<String, byte[]> record : answers.within(Duration.ofMillis(200))) {
                assertThat(SchemaValidator.shared().validate(Topics.GDPR_EVENTS, record.value())).isEmpty();
                GdprEvent event = EVENTS.decode(record.value()).payload();
                if (event.requestId().equals(requestId) && event.service().equals(Services.FEATURE)) {
                    assertThat(record.key()).isEqualTo(requestId);
                    found.add(event);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    @Test
    void erasureByCommandDeletesTheStateAnswersWithEvidenceAndSurvivesAReplay() {
        String customer = customer();
        String card = Fixtures.randomId("tok_");
        MaskedTransaction a = withCard(customer, "2025-05-01T10:00:00Z", 1_000, card);
        MaskedTransaction b = withCard(customer, "2025-05-01T10:10:00Z", 2_000, card);
        publish(a);
        publish(b);
        await().atMost(WAIT).untilAsserted(() -> entity("card", card).statusCode(200)
                .body("transactions", equalTo(2)));

        try (TopicTail answers = Infra.kafka().tail(Topics.GDPR_EVENTS_NAME)) {
            GdprEvent restricted = answer(answers, send(Action.RESTRICT, customer));
            assertThat(restricted.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(restricted.action()).isEqualTo(Action.RESTRICT);
            assertThat(restricted.subjectPseudonym()).isEqualTo(customer);
            assertThat(restricted.effects()).singleElement().satisfies(effect -> {
                assertThat(effect.effect()).isEqualTo(StoreEffect.Effect.RETAINED);
                assertThat(effect.records()).isEqualTo(2L); // the customer's state and their card's
            });
            // a restriction keeps the state, and the stream keeps using it for fraud prevention
            entity("customer", customer).statusCode(200).body("transactions", equalTo(2));

            GdprEvent erased = answer(answers, send(Action.ERASE, customer));
            assertThat(erased.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(erased.service()).isEqualTo(Services.FEATURE);
            assertThat(erased.effects()).extracting(StoreEffect::effect).containsExactly(StoreEffect.Effect.ERASED,
                    StoreEffect.Effect.ERASED, StoreEffect.Effect.RETAINED);
            assertThat(erased.effects()).extracting(StoreEffect::records).containsExactly(1L, 1L, 1L);
            entity("customer", customer).statusCode(404);
            entity("card", card).statusCode(404);

            // A redelivered command is carried out again and answered the same way, with nothing left to do.
            GdprEvent again = answer(answers, send(Action.ERASE, customer));
            assertThat(again.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(again.effects()).extracting(StoreEffect::records).containsExactly(0L, 0L, 0L);
        }

        // Replay the subject's old records after their fold markers expired: the state stays gone.
        redis.key().del("fs:tx:" + a.transactionId(), "fs:tx:" + b.transactionId());
        publish(a);
        publish(b);
        MaskedTransaction sentinel = withCard(customer(), "2025-05-01T11:00:00Z", 500, Fixtures.randomId("tok_"));
        publish(sentinel, customer); // same partition, behind the replayed records
        await().atMost(WAIT).untilAsserted(() -> entity("customer", sentinel.customer().pseudonym())
                .statusCode(200).body("transactions", equalTo(1)));
        entity("customer", customer).statusCode(404);
        entity("card", card).statusCode(404);
        vector(withCard(customer, "2025-05-01T12:00:00Z", 700, card)).statusCode(200)
                .body("features.customer_txn_count", equalTo(0.0f)).body("features.card_txn_count", equalTo(0.0f));
    }

    @Test
    void anUnreadableOrInvalidCommandIsDeadLetteredWithItsReasonAndTheNextIsAnswered() {
        String customer = customer();
        String invalid = new String(COMMANDS.encode(EventEnvelope.of(Topics.GDPR_COMMANDS, Services.GOVERNANCE,
                new GdprCommand("dsr-" + UUID.randomUUID(), Action.ERASE, "x", Instant.now(), Instant.now()),
                Instant.now())), StandardCharsets.UTF_8);
        try (TopicTail dlq = Infra.kafka().tail(Topics.GDPR_COMMANDS.dlqName());
                TopicTail answers = Infra.kafka().tail(Topics.GDPR_EVENTS_NAME)) {
            Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, customer, "{\"type\":\"gdpr.command\"");
            Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, customer, invalid); // pseudonym too short
            String requestId = send(Action.OBJECT, customer);

            List<ConsumerRecord<String, byte[]>> parked = dlq.next(2, WAIT);
            assertThat(parked).extracting(r -> new String(r.headers().lastHeader(DeadLetters.REASON_CODE).value(),
                    StandardCharsets.UTF_8)).containsExactly("UNPARSEABLE", "SCHEMA_VIOLATION");
            assertThat(parked).allSatisfy(r -> assertThat(r.key()).isEqualTo(customer));
            GdprEvent objected = answer(answers, requestId);
            assertThat(objected.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(objected.effects()).extracting(StoreEffect::records).containsExactly(0L);
        }
    }
}
