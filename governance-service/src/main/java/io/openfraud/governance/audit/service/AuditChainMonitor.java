package io.openfraud.governance.audit.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Verifies the audit chain on a schedule and exports the result as {@code openfraud_audit_chain_valid} (1 when the
 * last verification passed, else 0; the Helm chart's OpenFraudAuditChainBroken alert fires on 0).
 */
@ApplicationScoped
public class AuditChainMonitor {

    private static final Logger LOG = Logger.getLogger(AuditChainMonitor.class);

    private final AuditTrail trail;
    private final AtomicReference<ChainVerification> last = new AtomicReference<>();

    AuditChainMonitor(AuditTrail trail, MeterRegistry registry) {
        this.trail = trail;
        Gauge.builder("openfraud.audit.chain.valid", last, ref -> ref.get() == null || ref.get().valid() ? 1 : 0)
                .description("1 when the last verification of the audit hash and MAC chains passed, else 0")
                .register(registry);
    }

    @Scheduled(every = "${openfraud.audit.verify-every:5m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledVerification() {
        ChainVerification result = verifyNow();
        if (result.valid()) {
            // Publishes the head to the log pipeline as well (a second copy outside MongoDB and the anchor file).
            try {
                trail.anchoredHead().ifPresent(head -> LOG.infof("audit chain head anchored: sequence=%d mac=%s",
                        head.sequence(), head.mac()));
            } catch (RuntimeException e) {
                LOG.warnf("audit anchor unreadable: %s", e.getMessage());
            }
        }
    }

    /** Walks the chain now and updates the gauge. */
    public synchronized ChainVerification verifyNow() {
        ChainVerification result = trail.verify();
        ChainVerification previous = last.getAndSet(result);
        if (!result.valid() && (previous == null || previous.valid())) {
            LOG.errorf("audit chain verification failed at sequence %d: %s", result.brokenAt(), result.problem());
        }
        return result;
    }

    /** The last scheduled or requested verification, if any. */
    public ChainVerification last() {
        return last.get();
    }
}
