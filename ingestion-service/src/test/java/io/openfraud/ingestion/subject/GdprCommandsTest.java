package io.openfraud.ingestion.subject;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.EventCodec;
import io.openfraud.events.EventEnvelope;
import io.openfraud.events.Services;
import io.openfraud.events.Topics;
import io.openfraud.events.contract.SchemaValidator;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.gdpr.GdprCommand.Action;
import io.openfraud.events.gdpr.GdprEvent;
import io.openfraud.events.gdpr.StoreEffect;
import io.openfraud.ingestion.MaskingKeysTestResource;
import io.openfraud.platform.test.Infra;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.platform.test.TopicTail;
import io.openfraud.platform.test.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** governance's data-subject commands on gdpr.commands, carried out and answered on gdpr.events. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(MaskingKeysTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "ingestion"))
class GdprCommandsTest {

    private static final Duration FLOW = Duration.ofSeconds(20);
    private static final EventCodec<GdprCommand> COMMANDS = new EventCodec<>(Topics.GDPR_COMMANDS);
    private static final EventCodec<GdprEvent> EVENTS = new EventCodec<>(Topics.GDPR_EVENTS);
    private static final String TX = """
            {"transactionId":"%s","timestamp":"2024-03-0%dT10:00:00Z","type":"CARD","amount":12.50,"currency":"EUR",\
            "customer":{"id":"%s"},"counterparty":{"id":"merchant-1"},\
            "card":{"pan":"4111111111111111","cvv":"987","expiry":"12/29"}}""";

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
                    // What governance receives must satisfy the topic's contract (a RETAINED effect names its legal
                    // basis and its deletion date), or governance dead-letters it and the request never completes.
                    assertThat(SchemaValidator.shared().validate(Topics.GDPR_EVENTS, record.value()))
                            .as("%s answer on gdpr.events", action).isEmpty();
                    return event;
                }
            }
        }
        throw new AssertionError("no answer to " + requestId + " on gdpr.events within " + FLOW);
    }

    private static String export(int day) {
        return given().header("Authorization", Tokens.bearer("admin"))
                .queryParam("from", "2024-03-0" + day + "T00:00:00Z").queryParam("to", "2024-03-0" + day + "T23:59:59Z")
                .get("/api/v1/exports/transactions").then().statusCode(200).extract().asString();
    }

    @Test
    void restrictionTakesTheSubjectOutOfTheExportUntilLiftedAndErasureAnswersWithEvidence() {
        String customer = "dsr-customer-" + UUID.randomUUID();
        String id = "dsr-tx-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("service")).contentType("application/json")
                .body(TX.formatted(id, 7, customer)).post("/api/v1/transactions").then().statusCode(202);
        String pseudonym = given().header("Authorization", Tokens.bearer("analyst")).get("/api/v1/transactions/" + id)
                .then().statusCode(200).extract().path("customerPseudonym");
        assertThat(export(7)).contains(id);

        try (TopicTail answers = Infra.kafka().tail(Topics.GDPR_EVENTS_NAME)) {
            GdprEvent restricted = command(answers, Action.RESTRICT, pseudonym);
            assertThat(restricted.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(restricted.service()).isEqualTo(Services.INGESTION);
            assertThat(restricted.effects()).extracting(StoreEffect::records).containsExactly(1L);
            assertThat(export(7)).doesNotContain(id);

            assertThat(command(answers, Action.LIFT_RESTRICTION, pseudonym).outcome())
                    .isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(export(7)).contains(id);

            GdprEvent erased = command(answers, Action.ERASE, pseudonym);
            assertThat(erased.outcome()).isEqualTo(GdprEvent.Outcome.DONE);
            assertThat(erased.effects()).anySatisfy(effect -> {
                assertThat(effect.effect()).isEqualTo(StoreEffect.Effect.RETAINED);
                assertThat(effect.records()).isEqualTo(1L);
                assertThat(effect.deleteAfter()).isNotNull();
            });
            // Kept for AML, but no longer exported for training.
            assertThat(export(7)).doesNotContain(id);
        }
    }

    @Test
    void anUnreadableCommandIsDeadLettered() {
        try (TopicTail dlq = Infra.kafka().tail(Topics.GDPR_COMMANDS.dlqName())) {
            Infra.kafka().produce(Topics.GDPR_COMMANDS_NAME, "x", "{\"type\":\"gdpr.command\"}");
            assertThat(dlq.next(1, FLOW).get(0).headers().lastHeader(io.openfraud.events.DeadLetters.REASON_CODE))
                    .isNotNull();
        }
    }
}
