package io.openfraud.scoring.messaging;

import io.openfraud.events.ContractViolation;
import io.openfraud.events.DeadLetters.ReasonCode;
import io.openfraud.events.EventCodec;
import io.openfraud.events.Topics;
import io.openfraud.events.model.ModelLifecycleEvent;
import io.openfraud.features.FeatureSet;
import io.openfraud.messaging.DeadLetters;
import io.openfraud.scoring.model.ChallengerHolder;
import io.openfraud.scoring.model.ChampionHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * {@code models.lifecycle}: a new champion is handed to {@link ChampionHolder}, which loads it in the background.
 * Every replica reads every event (a consumer group per instance). Unreadable events, and champions of a feature set
 * this service does not compute, go to {@code models.lifecycle.dlq} with a reason code.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private static final Logger LOG = Logger.getLogger(LifecycleConsumer.class);

    private final EventCodec<ModelLifecycleEvent> codec = new EventCodec<>(Topics.MODELS_LIFECYCLE);
    private final ChampionHolder champion;
    private final ChallengerHolder challenger;
    private final Emitter<byte[]> deadLetters;

    LifecycleConsumer(ChampionHolder champion, ChallengerHolder challenger, @Channel("models-lifecycle-dlq") Emitter<byte[]> deadLetters) {
        this.champion = champion;
        this.challenger = challenger;
        this.deadLetters = deadLetters;
    }

    @Incoming("models-lifecycle")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        ModelLifecycleEvent event;
        try {
            event = codec.decode(message.getPayload()).payload();
        } catch (ContractViolation violation) {
            LOG.warnf("dead-lettering a record on %s: %s", Topics.MODELS_LIFECYCLE_NAME, violation.reasonCode());
            return DeadLetters.send(deadLetters, message, violation.reasonCode(), violation.getMessage())
                    .thenCompose(ignored -> message.ack());
        }
        if (event.stage() == ModelLifecycleEvent.Stage.CHAMPION
                && !FeatureSet.VERSION.equals(event.featureSetVersion())) {
            String reason = "champion " + event.version() + " is for feature set " + event.featureSetVersion()
                    + "; this service computes " + FeatureSet.VERSION;
            LOG.warnf("dead-lettering a record on %s: %s", Topics.MODELS_LIFECYCLE_NAME, reason);
            return DeadLetters.send(deadLetters, message, ReasonCode.PROCESSING_FAILED, reason)
                    .thenCompose(ignored -> message.ack());
        }
        champion.lifecycle(event);
        challenger.lifecycle(event);
        return message.ack();
    }
}
