package io.openfraud.feature.messaging;

import io.openfraud.events.DeadLetters;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a record this service cannot read to {@code transactions.validated.dlq}: the original bytes, and headers
 * saying why ({@link DeadLetters}). The consumer then moves on, healthy.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    static final String CHANNEL = "transactions-validated-dlq";

    private final Emitter<byte[]> emitter;

    DeadLetterPublisher(@Channel(CHANNEL) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> send(Message<byte[]> original, DeadLetters.ReasonCode code, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.REASON_CODE, code.name().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8));
        String key = null;
        var incoming = original.getMetadata(IncomingKafkaRecordMetadata.class);
        if (incoming.isPresent()) {
            var in = incoming.get();
            key = in.getKey() == null ? null : in.getKey().toString();
            headers.add(DeadLetters.TOPIC, in.getTopic().getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.PARTITION, Integer.toString(in.getPartition()).getBytes(StandardCharsets.UTF_8));
            headers.add(DeadLetters.OFFSET, Long.toString(in.getOffset()).getBytes(StandardCharsets.UTF_8));
        }
        java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
        emitter.send(Message.of(original.getPayload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build())
                .withAck(() -> {
                    sent.complete(null);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    sent.completeExceptionally(e);
                    return java.util.concurrent.CompletableFuture.completedFuture(null);
                }));
        return sent;
    }
}
