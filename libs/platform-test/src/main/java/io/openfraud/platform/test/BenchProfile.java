package io.openfraud.platform.test;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JFR recording ({@code settings=profile}) of one benchmark section, written to {@code <bench.jfr>.<section>.jfr}
 * when the benchmark runs with {@code -Dbench.jfr=PATH}; nothing otherwise. Close it when the section ends.
 *
 * <pre>{@code
 * try (BenchProfile profile = BenchProfile.start("stream")) {
 *     ... the measured section ...
 * }
 * }</pre>
 */
public final class BenchProfile implements AutoCloseable {

    private final Recording recording;

    private BenchProfile(Recording recording) {
        this.recording = recording;
    }

    /** Starts recording the section if {@code bench.jfr} is set. */
    public static BenchProfile start(String section) {
        String jfr = System.getProperty("bench.jfr");
        if (jfr == null) {
            return new BenchProfile(null);
        }
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setDestination(Path.of(jfr + "." + section + ".jfr"));
            recording.start();
            return new BenchProfile(recording);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording of " + section, e);
        }
    }

    /** Stops the recording and writes the file. */
    @Override
    public void close() {
        if (recording != null) {
            recording.stop();
            recording.close();
        }
    }
}
