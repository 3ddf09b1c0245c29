package io.openfraud.web.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    private static WarmUpTask task(String name, List<String> calls, int failAt) {
        return new WarmUpTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() {
                calls.add(name);
                if (calls.stream().filter(name::equals).count() == failAt) {
                    throw new IllegalStateException("peer down");
                }
            }
        };
    }

    @Test
    void notReadyUntilEveryTaskRanItsRepetitions() {
        List<String> calls = new ArrayList<>();
        WarmUp warmUp = new WarmUp(List.of(task("schema", calls, -1), task("store", calls, -1)), 3);

        HealthCheckResponse before = warmUp.call();
        assertThat(before.getName()).isEqualTo("warm-up");
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(before.getData()).hasValueSatisfying(data -> assertThat(data).containsEntry("pending", 2L));

        warmUp.runAll();

        assertThat(calls).containsExactly("schema", "schema", "schema", "store", "store", "store");
        HealthCheckResponse after = warmUp.call();
        assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(after.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsKeys("schema", "store").doesNotContainKey("pending")
                .hasEntrySatisfying("schema", v -> assertThat(v.toString()).startsWith("3 runs in ")));
    }

    @Test
    void aFailingTaskStopsItsOwnRepetitionsIsReportedAndNeverKeepsTheServiceUnready() {
        List<String> calls = new ArrayList<>();
        WarmUp warmUp = new WarmUp(List.of(task("peer", calls, 2), task("local", calls, -1)), 4);

        warmUp.runAll();

        assertThat(calls).containsExactly("peer", "peer", "local", "local", "local", "local");
        assertThat(warmUp.isDone()).isTrue();
        assertThat(warmUp.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(warmUp.call().getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry("peer", "failed after 1 runs: java.lang.IllegalStateException: peer down"));
    }

    @Test
    void aTaskWithPatienceRetriesItsFirstRunUntilThePeerAnswers() {
        List<String> calls = new ArrayList<>();
        int[] failuresLeft = {2};
        WarmUpTask peer = new WarmUpTask() {
            @Override
            public String name() {
                return "peer";
            }

            @Override
            public void run() {
                calls.add("peer");
                if (failuresLeft[0]-- > 0) {
                    throw new IllegalStateException("connection refused");
                }
            }

            @Override
            public java.time.Duration patience() {
                return java.time.Duration.ofMinutes(1);
            }
        };
        WarmUp warmUp = new WarmUp(List.of(peer), 3);

        warmUp.runAll();

        assertThat(calls).hasSize(5);
        assertThat(warmUp.call().getData()).hasValueSatisfying(data -> assertThat(data.get("peer").toString())
                .startsWith("3 runs in "));
    }

    @Test
    void aTransientFailureOfALaterRunIsRetriedWithinThePatience() {
        int[] run = {0};
        WarmUpTask store = new WarmUpTask() {
            @Override
            public String name() {
                return "store";
            }

            @Override
            public void run() {
                if (run[0]++ == 2) {
                    throw new IllegalStateException("timed out after 500 ms");
                }
            }

            @Override
            public java.time.Duration patience() {
                return java.time.Duration.ofMinutes(1);
            }
        };
        WarmUp warmUp = new WarmUp(List.of(store), 4);

        warmUp.runAll();

        assertThat(run[0]).isEqualTo(5);
        assertThat(warmUp.call().getData()).hasValueSatisfying(data -> assertThat(data.get("store").toString())
                .startsWith("4 runs in "));
    }

    @Test
    void withoutTasksItIsReadyOnceRun() {
        WarmUp warmUp = new WarmUp(List.of(), 10);
        warmUp.runAll();
        assertThat(warmUp.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aPeerThatRefusesTheUnauthenticatedCallIsWarmAndAnUnreachableOneIsRetried() {
        PeerWarmUp refusing = new PeerWarmUp(java.time.Duration.ofSeconds(3)) {
            @Override
            public String name() {
                return "peer";
            }

            @Override
            protected void call() {
                throw new jakarta.ws.rs.NotAuthorizedException("Bearer");
            }
        };
        PeerWarmUp unreachable = new PeerWarmUp(java.time.Duration.ZERO) {
            @Override
            public String name() {
                return "down";
            }

            @Override
            protected void call() {
                throw new jakarta.ws.rs.ProcessingException("connection refused");
            }
        };
        WarmUp warmUp = new WarmUp(List.of(refusing, unreachable), 2);

        warmUp.runAll();

        assertThat(refusing.patience()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(warmUp.call().getData()).hasValueSatisfying(data -> {
            assertThat(data.get("peer").toString()).startsWith("2 runs in ");
            assertThat(data.get("down").toString()).startsWith("failed after 0 runs");
        });
    }
}
