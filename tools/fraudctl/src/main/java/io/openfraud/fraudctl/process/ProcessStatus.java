package io.openfraud.fraudctl.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether a process fraudctl starts is up, judged by its pid file and its port.
 *
 * @param name the process
 * @param state what the pid file and the port say together
 * @param pid the live process the pid file names, if any
 * @param port the port probed
 */
public record ProcessStatus(String name, State state, OptionalLong pid, int port) {

    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);

    /** The combinations of "pid file names a live process" and "the port accepts connections". */
    public enum State {
        /** Our process runs and its port answers. */
        UP("up"),
        /** Our process runs but its port does not answer (starting, or hung). */
        NOT_SERVING("not serving"),
        /** No process of ours, and the port does not answer. */
        DOWN("down"),
        /** No process of ours, but something else answers on the port. */
        PORT_IN_USE("down, port in use");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean isUp() {
        return state == State.UP;
    }

    /** Probes {@code port} and reads {@code pidFile}. */
    public static ProcessStatus probe(String name, Path pidFile, int port) {
        Optional<ProcessHandle> process = new PidFile(pidFile).process();
        boolean answers = Ports.accepts(port, PROBE_TIMEOUT);
        State state;
        if (process.isPresent()) {
            state = answers ? State.UP : State.NOT_SERVING;
        } else {
            state = answers ? State.PORT_IN_USE : State.DOWN;
        }
        return new ProcessStatus(name, state,
                process.map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty()), port);
    }
}
