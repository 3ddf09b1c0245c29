package io.openfraud.retraining.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends outbox rows to Kafka as they are stored: the key and the envelope bytes, to the row's topic. A plain producer
 * rather than a messaging channel, because rows are already encoded and a round sends a whole batch, then waits for
 * every acknowledgement once. It takes the application's {@code kafka.*} configuration (brokers, security) and adds
 * what the outbox needs: {@code acks=all} and idempotence, so a retried send is not duplicated in the log.
 */
@ApplicationScoped
public class OutboxPublisher {

    static final String CLIENT_ID = "retraining-outbox";

    /**
     * What a round achieved.
     *
     * @param acked   ids of the rows the broker acknowledged
     * @param failure the first error, or null when every row was acknowledged
     */
    record Result(List<Long> acked, Exception failure) {
    }

    private final Producer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;
    private final Duration timeout;

    OutboxPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers,
            OutboxConfig config, MeterRegistry registry) {
        this.timeout = config.publishTimeout();
        Map<String, Object> props = new HashMap<>(kafka);
        bootstrapServers.ifPresent(servers -> props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        // A round flushes, so lingering only helps when rounds overlap; batches fill from the burst of sends.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
    }

    /** Fetches the metadata of {@code topic}, so the first round does not pay for it. */
    void warmUp(String topic) {
        producer.partitionsFor(topic);
    }

    /** Sends every row in order, then waits for all acknowledgements; rows after a failed send are not sent. */
    Result publish(List<OutboxStore.PendingEvent> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Exception failure = null;
        try {
            for (OutboxStore.PendingEvent row : rows) {
                acks.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
            }
        } catch (RuntimeException e) { // a topic without metadata after max.block.ms, a closed producer
            failure = e;
        }
        producer.flush();
        List<Long> acked = new ArrayList<>(acks.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(rows.get(i).id());
            } catch (ExecutionException e) {
                failure = failure == null ? (e.getCause() instanceof Exception cause ? cause : e) : failure;
            } catch (TimeoutException e) {
                failure = failure == null ? e : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(acked, e);
            }
        }
        return new Result(acked, failure);
    }

    @PreDestroy
    void close() {
        metrics.close();
        producer.close(Duration.ofSeconds(5));
    }
}
