package io.openfraud.platform.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Records written to one topic after the tail was opened ({@link SharedKafka#tail(String)}), in arrival order (per
 * partition). Not thread-safe; close it.
 */
public final class TopicTail implements AutoCloseable {

    private static final Duration MAX_POLL = Duration.ofMillis(200);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> buffered = new ArrayList<>();

    TopicTail(String topic, KafkaConsumer<String, byte[]> consumer) {
        this.topic = topic;
        this.consumer = consumer;
    }

    /**
     * The next {@code count} records; records beyond them stay for the next call.
     *
     * @throws AssertionError if fewer arrive within {@code timeout}
     */
    public List<ConsumerRecord<String, byte[]>> next(int count, Duration timeout) {
        pollInto(consumer, buffered, count, timeout);
        if (buffered.size() < count) {
            throw new AssertionError("expected " + count + " new records on " + topic + " within " + timeout + ", got "
                    + buffered.size());
        }
        List<ConsumerRecord<String, byte[]>> taken = List.copyOf(buffered.subList(0, count));
        buffered.subList(0, count).clear();
        return taken;
    }

    /**
     * Every record that arrives within {@code window}, for checks that something did <em>not</em> happen (for
     * example, no dead letter for a valid record). It always waits the whole window.
     */
    public List<ConsumerRecord<String, byte[]>> within(Duration window) {
        pollInto(consumer, buffered, Integer.MAX_VALUE, window);
        List<ConsumerRecord<String, byte[]>> taken = List.copyOf(buffered);
        buffered.clear();
        return taken;
    }

    /** Polls into {@code into} until it holds {@code count} records or {@code timeout} passes. */
    static void pollInto(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> into, int count,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (into.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Duration wait = Duration.ofNanos(Math.min(left, MAX_POLL.toNanos()));
            consumer.poll(wait).forEach(into::add);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
