package io.openfraud.fraudctl.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Specs that run {@link FakeServiceMain} from the test class path. */
final class ProcessTestSupport {

    private ProcessTestSupport() {
    }

    static ProcessSpec fake(Path home, String name, int port, String... options) {
        List<String> args = new ArrayList<>(List.of(name, Integer.toString(port)));
        args.addAll(List.of(options));
        // A child JVM that only sleeps and prints: start it as cheaply as possible.
        List<String> command = JavaCommand.ofThisApplication().command(
                List.of("-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"),
                FakeServiceMain.class.getName(), args);
        return ProcessSpec.of(name, command, home.resolve("logs").resolve(name + ".log"),
                home.resolve("run").resolve(name + ".pid"), ReadinessProbe.readyLine(name));
    }
}
