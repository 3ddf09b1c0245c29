package io.openfraud.fraudctl.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void namesTheLiveProcessItWasWrittenFor() {
        PidFile pidFile = new PidFile(dir.resolve("run/me.pid"));

        pidFile.write(ProcessHandle.current());

        assertThat(pidFile.process()).map(ProcessHandle::pid).contains(ProcessHandle.current().pid());
        assertThat(pidFile.isStale()).isFalse();
    }

    @Test
    void aReusedPidIsNotOurProcess() throws Exception {
        Path path = dir.resolve("reused.pid");
        Files.writeString(path, ProcessHandle.current().pid() + "\n" + Instant.parse("2001-01-01T00:00:00Z") + "\n");

        assertThat(new PidFile(path).process()).isEmpty();
        assertThat(new PidFile(path).isStale()).isTrue();
    }

    @Test
    void aGoneProcessOrADamagedFileNamesNothing() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        PidFile goneFile = new PidFile(dir.resolve("gone.pid"));
        goneFile.write(gone.toHandle());
        Path damaged = dir.resolve("damaged.pid");
        Files.writeString(damaged, "not a pid\n");

        assertThat(goneFile.process()).isEmpty();
        assertThat(new PidFile(damaged).process()).isEmpty();
        assertThat(new PidFile(dir.resolve("absent.pid")).process()).isEmpty();
        assertThat(new PidFile(dir.resolve("absent.pid")).isStale()).isFalse();
    }

    @Test
    void deletesItselfOnlyForTheProcessItNames() {
        PidFile pidFile = new PidFile(dir.resolve("mine.pid"));
        pidFile.write(ProcessHandle.current());

        pidFile.deleteIfOwnedBy(ProcessHandle.current().pid() + 1);
        assertThat(pidFile.path()).exists();

        pidFile.deleteIfOwnedBy(ProcessHandle.current().pid());
        assertThat(pidFile.path()).doesNotExist();
    }
}
