package io.openfraud.messaging.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
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

/**
 * Sends a transactional outbox's rows to Kafka: the key and the envelope bytes, to the row's topic. A plain producer
 * rather than a messaging channel, because rows are already encoded and a round sends a whole batch, then waits for
 * every acknowledgement once. It takes the application's {@code kafka.*} configuration (brokers, security) and adds
 * what an outbox needs: {@code acks=all} and idempotence, so a retried send is not duplicated in the log. Each
 * service's outbox relay owns one (its store, schema and relay loop stay with the service).
 */
public class OutboxProducer implements AutoCloseable {

    /** A stored row waiting to be published. */
    public interface Pending {
        long id();

        String topic();

        String key();

        byte[] payload();
    }

    /**
     * What a round achieved.
     *
     * @param acked   ids of the rows the broker acknowledged
     * @param failure the first error, or null when every row was acknowledged
     */
    public record Result(List<Long> acked, Exception failure) {
    }

    private final Producer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;
    private final Duration timeout;

    protected OutboxProducer(Map<String, Object> kafka, Optional<String> bootstrapServers, String clientId,
            Duration timeout, MeterRegistry registry) {
        this.timeout = timeout;
        Map<String, Object> props = new HashMap<>(kafka);
        bootstrapServers.ifPresent(servers -> props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        // A round flushes, so lingering only helps when rounds overlap; batches fill from the burst of sends.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // zstd, not lz4: Kafka's lz4 is lz4-java's pure-Java codec here (compression in the relay, decompression in
        // every consumer of transactions.validated), zstd-jni is native and shrinks the repeated field names more.
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
    }

    /** Fetches the metadata of {@code topic}, so the first round does not pay for it. */
    public void warmUp(String topic) {
        producer.partitionsFor(topic);
    }

    /** Sends every row in order, then waits for all acknowledgements; rows after a failed send are not sent. */
    public Result publish(List<? extends Pending> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Exception failure = null;
        try {
            for (Pending row : rows) {
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

    @Override
    public void close() {
        metrics.close();
        producer.close(Duration.ofSeconds(5));
    }
}
