package io.openfraud.fraudctl.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by the platform's processes (each with its descendants, so PostgreSQL's backends count with it),
 * read from the operating system, to report the CPU each request cost across the platform.
 */
public final class PlatformCpu {

    private PlatformCpu() {
    }

    /** CPU time so far of each named process and its descendants; a process that is gone is left out. */
    public static Map<String, Duration> sample(Map<String, Long> pids) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(process -> {
            Duration total = cpuOf(process);
            for (ProcessHandle child : process.descendants().toList()) {
                total = total.plus(cpuOf(child));
            }
            cpu.put(name, total);
        }));
        return cpu;
    }

    /** {@code after - before} per name. */
    public static Map<String, Duration> difference(Map<String, Duration> before, Map<String, Duration> after) {
        Map<String, Duration> used = new LinkedHashMap<>();
        after.forEach((name, total) -> used.put(name,
                total.minus(Optional.ofNullable(before.get(name)).orElse(Duration.ZERO))));
        return used;
    }

    private static Duration cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The system's load average line, for the report. */
    public static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }
}
