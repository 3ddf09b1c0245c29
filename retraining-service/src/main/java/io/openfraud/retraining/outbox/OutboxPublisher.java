package io.openfraud.retraining.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.messaging.outbox.OutboxProducer;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared outbox producer (libs/platform-messaging) with this service's client id and publish timeout. */
@Singleton
public class OutboxPublisher extends OutboxProducer {

    static final String CLIENT_ID = "retraining-outbox";

    OutboxPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers,
            OutboxConfig config, MeterRegistry registry) {
        super(kafka, bootstrapServers, CLIENT_ID, config.publishTimeout(), registry);
    }

    @PreDestroy
    void shutdown() {
        close();
    }
}
