package io.openfraud.web.overload;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openfraud.web.problem.ProblemException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sheds requests that waited too long before a worker could take them. Every request's arrival is stamped on the
 * event loop, before anything else; an operation that a caller waits on in real time (a payment authorisation)
 * calls {@link #admit} first, and a request that already queued longer than {@code openfraud.http.max-queue-time}
 * (default 1 s) is answered at once with 503 problem+json and {@code Retry-After}, instead of being worked on for a
 * caller that has most likely given up (and keeping every later request waiting behind it). Under overload this
 * bounds the queue and turns timeouts into fast, explicit refusals that a payment system can route to its
 * stand-in processing.
 */
@ApplicationScoped
public class LoadShedding {

    private static final Logger LOG = Logger.getLogger(LoadShedding.class);
    static final String ARRIVAL = "openfraud.arrival-nanos";

    private final long maxQueueNanos;
    private final LongSupplier nanoTime;
    private final LongAdder shed = new LongAdder();
    private final LongAdder admitted = new LongAdder();

    @jakarta.inject.Inject
    LoadShedding(@ConfigProperty(name = "openfraud.http.max-queue-time", defaultValue = "PT1S") Duration maxQueue,
            MeterRegistry registry) {
        this(maxQueue, System::nanoTime);
        FunctionCounter.builder("openfraud.http.shed", shed, LongAdder::sum)
                .description("Requests refused with 503 because they queued longer than openfraud.http.max-queue-time")
                .register(registry);
    }

    LoadShedding(Duration maxQueue, LongSupplier nanoTime) {
        this.maxQueueNanos = maxQueue.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Stamps each request's arrival, first thing on the event loop. */
    void stampArrivals(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.put(ARRIVAL, nanoTime.getAsLong());
            context.next();
        });
    }

    /** Throws 503 problem+json with {@code Retry-After} if this request queued longer than allowed. */
    public void admit(RoutingContext context) {
        admitArrival(context == null ? null : context.get(ARRIVAL));
    }

    void admitArrival(Long arrival) {
        if (arrival == null) {
            return; // not an HTTP request stamped by this service (a test calling the bean directly)
        }
        long queued = nanoTime.getAsLong() - arrival;
        if (queued > maxQueueNanos) {
            shed.increment();
            if (shed.sum() % 1000 == 1) {
                LOG.warnf("shedding load: a request queued %d ms before a worker took it (limit %d ms); %d shed so far",
                        TimeUnit.NANOSECONDS.toMillis(queued), TimeUnit.NANOSECONDS.toMillis(maxQueueNanos), shed.sum());
            }
            throw ProblemException.overloaded("The service is overloaded: this request waited "
                    + TimeUnit.NANOSECONDS.toMillis(queued) + " ms before it could be processed. Retry shortly.", 1);
        }
        admitted.increment();
    }

    /** Stamped requests let through so far. */
    public long admitted() {
        return admitted.sum();
    }

    /** Requests refused so far. */
    public long shed() {
        return shed.sum();
    }
}
