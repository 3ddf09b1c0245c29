package io.openfraud.fraudctl.process;

import static io.openfraud.fraudctl.process.ProcessTestSupport.fake;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(10),
            new ProcessSupervisor.Listener() {
            });
    private final List<ManagedProcess> detached = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        supervisor.stopAll();
        detached.forEach(p -> p.stop(Duration.ofSeconds(5)));
    }

    @Test
    void startsProcessesTogetherAndStopsThemWithTheirPidFiles() throws Exception {
        int portA = Ports.freePort();
        int portB = Ports.freePort();

        List<ManagedProcess> started = supervisor.startAll(List.of(fake(home, "alpha", portA).withPorts(portA),
                fake(home, "beta", portB).withPorts(portB)), Lifetime.DETACHED, TIMEOUT);

        assertThat(started).extracting(ManagedProcess::name).containsExactly("alpha", "beta");
        assertThat(started).allSatisfy(p -> {
            assertThat(p.isReady()).isTrue();
            assertThat(p.startupTime()).isPositive();
        });
        assertThat(started.get(0).readyDetails())
                .containsEntry("port", Integer.toString(portA))
                .containsEntry("path", "/a dir/with spaces");
        assertThat(new PidFile(home.resolve("run/alpha.pid")).process()).map(ProcessHandle::pid)
                .contains(started.get(0).pid());
        assertThat(ProcessStatus.probe("alpha", home.resolve("run/alpha.pid"), portA).state())
                .isEqualTo(ProcessStatus.State.UP);
        assertThat(Files.readString(home.resolve("logs/alpha.log")))
                .startsWith("---- fraudctl: starting alpha at ")
                .contains("some noise before");

        supervisor.stopAll();

        assertThat(started).noneMatch(ManagedProcess::isAlive);
        assertThat(home.resolve("run/alpha.pid")).doesNotExist();
        assertThat(home.resolve("run/beta.pid")).doesNotExist();
        assertThat(supervisor.processes()).isEmpty();
        assertThat(ProcessStatus.probe("alpha", home.resolve("run/alpha.pid"), portA).state())
                .isEqualTo(ProcessStatus.State.DOWN);
    }

    @Test
    void aProcessThatExitsBeforeItIsReadyFailsTheStartAndStopsTheOthers() {
        assertThatThrownBy(() -> supervisor.startAll(List.of(fake(home, "good", 0), fake(home, "bad", 0, "--fail")),
                Lifetime.DETACHED, TIMEOUT))
                .isInstanceOfSatisfying(StartupException.class, e -> {
                    assertThat(e.failures()).singleElement().satisfies(failure -> {
                        assertThat(failure.name()).isEqualTo("bad");
                        assertThat(failure.cause()).isEqualTo(StartupException.Cause.EXITED);
                        assertThat(failure.reason()).contains("exited with code 3");
                        assertThat(failure.logFile()).isEqualTo(home.resolve("logs/bad.log"));
                        assertThat(failure.logTail()).contains("boom: bad cannot start");
                    });
                    assertThat(e.getMessage()).contains("bad: exited with code 3",
                            "log: " + home.resolve("logs/bad.log"));
                });

        assertThat(supervisor.processes()).isEmpty();
        assertThat(home.resolve("run/good.pid")).doesNotExist();
        assertThat(home.resolve("run/bad.pid")).doesNotExist();
    }

    @Test
    void aProcessThatNeverGetsReadyTimesOutNamingWhatWasAwaited() {
        long begin = System.nanoTime();

        assertThatThrownBy(() -> supervisor.startAll(List.of(fake(home, "slow", 0, "--never-ready")),
                Lifetime.DETACHED, Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(StartupException.class, e -> assertThat(e.failures()).singleElement()
                        .satisfies(failure -> {
                            assertThat(failure.cause()).isEqualTo(StartupException.Cause.TIMED_OUT);
                            assertThat(failure.reason()).contains("not ready after 1 s", "READY slow");
                        }));

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(15));
        assertThat(home.resolve("run/slow.pid")).doesNotExist();
    }

    @Test
    void aTakenPortFailsBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> supervisor.startAll(List.of(fake(home, "late", port).withPorts(port)),
                    Lifetime.DETACHED, TIMEOUT))
                    .isInstanceOfSatisfying(StartupException.class, e -> {
                        assertThat(e.hasCause(StartupException.Cause.PORT_IN_USE)).isTrue();
                        assertThat(e.getMessage()).contains("late: port " + port + " is already in use");
                    });
            assertThat(home.resolve("logs/late.log")).doesNotExist();
            assertThat(ProcessStatus.probe("late", home.resolve("run/late.pid"), port).state())
                    .isEqualTo(ProcessStatus.State.PORT_IN_USE);
        }
    }

    @Test
    void aProcessIgnoringSigtermIsKilledWithItsChildrenAfterTheGracePeriod() throws Exception {
        ManagedProcess stubborn = supervisor.startAll(List.of(fake(home, "stubborn", 0, "--ignore-term",
                "--spawn-child")), Lifetime.DETACHED, TIMEOUT).get(0);
        List<ProcessHandle> grandchildren = stubborn.handle().descendants().toList();
        assertThat(grandchildren).isNotEmpty();

        boolean clean = stubborn.stop(Duration.ofMillis(500));

        assertThat(clean).isFalse();
        assertThat(stubborn.isAlive()).isFalse();
        assertThat(grandchildren).noneMatch(ProcessHandle::isAlive);
        assertThat(home.resolve("run/stubborn.pid")).doesNotExist();
    }

    @Test
    void anAttachedProcessStopsWhenItsParentGoesAway() throws Exception {
        ManagedProcess attached = supervisor.startAll(List.of(fake(home, "attached", 0, "--watch-stdin")),
                Lifetime.ATTACHED, TIMEOUT).get(0);
        assertThat(attached.isAlive()).isTrue();

        attached.closeStandardInput(); // what the kernel does when fraudctl dies, even by SIGKILL

        assertThat(attached.handle().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(attached.exitValue()).hasValue(0);
    }

    @Test
    void aDetachedProcessIsLeftRunningAndCanBeStoppedFromItsPidFile() throws Exception {
        int port = Ports.freePort();
        ManagedProcess process = supervisor.startAll(List.of(fake(home, "daemon", port).withPorts(port)),
                Lifetime.DETACHED, TIMEOUT).get(0);
        detached.add(process);
        supervisor.detach();
        supervisor.stopAll();
        assertThat(process.isAlive()).isTrue();

        // a later fraudctl knows only the pid file
        ProcessHandle fromPidFile = new PidFile(home.resolve("run/daemon.pid")).process().orElseThrow();
        assertThat(Processes.terminate(List.of(fromPidFile), Duration.ofSeconds(10))).isEmpty();

        assertThat(process.isAlive()).isFalse();
        assertThat(new PidFile(home.resolve("run/daemon.pid")).isStale()).isTrue();
        assertThat(ProcessStatus.probe("daemon", home.resolve("run/daemon.pid"), port).state())
                .isEqualTo(ProcessStatus.State.DOWN);
    }
}
