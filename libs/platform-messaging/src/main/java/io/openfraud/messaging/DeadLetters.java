package io.openfraud.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.openfraud.events.DeadLetters.ReasonCode;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Dead-letters a record a consumer cannot read: the original bytes go to {@code <topic>.dlq} with the headers of
 * {@link io.openfraud.events.DeadLetters} (reason code, reason, source topic, partition and offset). Consumers read
 * values as bytes and decode them themselves, so an unreadable record reaches this instead of failing the channel.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** Sends {@code original} to the dead-letter emitter; completes on the broker's acknowledgement. */
    public static CompletionStage<Void> send(Emitter<byte[]> deadLetterEmitter, Message<byte[]> original,
            ReasonCode code, String reason) {
        return send(deadLetterEmitter, original, original.getPayload(), code, reason);
    }

    /**
     * Sends {@code payload} in place of {@code original}'s value (a scrubbed copy, for topics that may carry card
     * numbers), with {@code original}'s key and source headers.
     */
    public static CompletionStage<Void> send(Emitter<byte[]> deadLetterEmitter, Message<byte[]> original,
            byte[] payload, ReasonCode code, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(io.openfraud.events.DeadLetters.REASON_CODE, code.name().getBytes(UTF_8));
        headers.add(io.openfraud.events.DeadLetters.REASON, reason.getBytes(UTF_8));
        String key = null;
        var incoming = original.getMetadata(IncomingKafkaRecordMetadata.class);
        if (incoming.isPresent()) {
            var in = incoming.get();
            key = in.getKey() == null ? null : in.getKey().toString();
            headers.add(io.openfraud.events.DeadLetters.TOPIC, in.getTopic().getBytes(UTF_8));
            headers.add(io.openfraud.events.DeadLetters.PARTITION, Integer.toString(in.getPartition()).getBytes(UTF_8));
            headers.add(io.openfraud.events.DeadLetters.OFFSET, Long.toString(in.getOffset()).getBytes(UTF_8));
        }
        return KeyedSend.send(deadLetterEmitter, payload, key, headers);
    }
}
