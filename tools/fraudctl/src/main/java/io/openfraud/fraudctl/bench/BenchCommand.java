package io.openfraud.fraudctl.bench;

import picocli.CommandLine.Command;

/** {@code fraudctl bench}: load against the running platform, measured from outside as a client sees it. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Open-loop load against the running platform ('fraudctl up'), measured as a client sees it: "
                + "latency percentiles corrected for coordinated omission, errors, outcomes and the CPU each request "
                + "cost the platform's processes.", "Results on this machine: docs/benchmarks.md."},
        subcommands = {AuthorizeBenchCommand.class})
public class BenchCommand {
}
