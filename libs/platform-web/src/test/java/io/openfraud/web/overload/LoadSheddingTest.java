package io.openfraud.web.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.web.problem.ProblemException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadSheddingTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final LoadShedding shedding = new LoadShedding(Duration.ofMillis(1000), now::get);

    @Test
    void aRequestThatQueuedWithinTheLimitIsAdmitted() {
        long arrival = now.get();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        assertThatCode(() -> shedding.admitArrival(arrival)).doesNotThrowAnyException();
        assertThat(shedding.shed()).isZero();
    }

    @Test
    void aRequestThatQueuedLongerIsRefusedWith503AndRetryAfter() {
        long arrival = now.get();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1500));
        assertThatThrownBy(() -> shedding.admitArrival(arrival)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.retryAfterSeconds()).hasValue(1);
            assertThat(e.getMessage()).contains("1500 ms");
        });
        assertThat(shedding.shed()).isEqualTo(1);
    }

    @Test
    void aCallWithoutAStampedArrivalIsAdmitted() {
        assertThatCode(() -> shedding.admitArrival(null)).doesNotThrowAnyException();
    }
}
