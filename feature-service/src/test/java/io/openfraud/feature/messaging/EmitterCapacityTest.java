package io.openfraud.feature.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The stream publishes a whole poll before waiting for acknowledgements, from every copy of the channel at once: the
 * emitters must buffer that many records, or a burst overflows them and valid transactions are dead-lettered.
 */
class EmitterCapacityTest {

    @Test
    void theEmittersHoldEveryRecordThatTheStreamCanHaveInFlight() throws IOException {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            config.load(in);
        }
        String prefix = "mp.messaging.incoming." + ValidatedConsumer.CHANNEL + ".";
        int pollRecords = Integer.parseInt(config.getProperty(prefix + "max.poll.records", "500"));
        int copies = Integer.parseInt(config.getProperty(prefix + "concurrency", "1"));

        assertThat(pollRecords * copies).isGreaterThan(1_000); // what overflowed SmallRye's default buffer
        assertThat(EnrichedPublisher.BUFFER).isGreaterThanOrEqualTo(pollRecords * copies);
    }
}
