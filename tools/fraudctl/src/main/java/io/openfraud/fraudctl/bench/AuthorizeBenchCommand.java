package io.openfraud.fraudctl.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.infra.InfraStack;
import io.openfraud.fraudctl.infra.InfraStore;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.services.ServiceStack;
import io.openfraud.fraudctl.token.Role;
import io.openfraud.fraudctl.token.TokenIssuer;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fraudctl bench authorize}: the synchronous path as a payment system uses it ({@code POST
 * /api/v1/authorizations} on ingestion, which stores, calls scoring, which calls feature-service), at fixed rates,
 * with a bearer JWT on every request, through the whole running platform.
 */
@Command(name = "authorize", mixinStandardHelpOptions = true,
        description = {"Sends seeded synthetic authorisations (fresh transaction ids) at each rate, open loop, after "
                + "a warm-up, and prints p50/p90/p99/p99.9/max, errors, decisions by scorer and the CPU per request "
                + "of each platform process.", "Exit code 1 if any request failed."})
public class AuthorizeBenchCommand implements Callable<Integer> {

    private static final Pattern SCORER = Pattern.compile("\"scorer\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern DECISION = Pattern.compile("\"decision\"\\s*:\\s*\"([A-Z_]+)\"");

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = "--rates", split = ",", defaultValue = "250,500,1000",
            description = "Requests per second, one run each (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds per rate (default "
            + "${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "Unmeasured seconds before each rate (default "
            + "${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ingestion", defaultValue = "http://localhost:8081",
            description = "ingestion-service URL (default ${DEFAULT-VALUE}).")
    URI ingestion;

    @Override
    public Integer call() {
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1) || seconds < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "rates and --seconds must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        String token = new TokenIssuer(InstallKeys.ensure(home.keys()).loadJwtPrivateKey(), Clock.systemUTC())
                .issue("fraudctl-bench", Set.of(Role.SERVICE), Duration.ofHours(2));
        List<String> bodies = bodies();
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        OpenLoop load = new OpenLoop(http, Duration.ofSeconds(10));
        URI target = ingestion.resolve("/api/v1/authorizations");
        int[] sequence = {0};
        java.util.function.IntFunction<HttpRequest> request = i -> {
            String body = bodies.get(sequence[0] % bodies.size());
            String id = "bench-" + run + "-" + sequence[0]++;
            return HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"transactionId\":\"" + id + "\"," + body))
                    .build();
        };
        Map<String, Long> pids = pids();
        out.printf(Locale.ROOT, "POST %s, open loop, bearer JWT on every request; %d s warm-up then %d s per rate; "
                + "load average %s%n", target, warmup, seconds, PlatformCpu.loadAverage());
        out.printf(Locale.ROOT, "%6s %8s %7s %10s %8s %8s %8s %9s %8s  %s%n", "rate/s", "sent", "errors",
                "achieved/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "outcomes");
        List<String> cpuLines = new ArrayList<>();
        long failed = 0;
        for (int rate : rates) {
            if (warmup > 0) {
                load.run(rate, Duration.ofSeconds(warmup), request, AuthorizeBenchCommand::ok, r -> "");
            }
            Map<String, Duration> before = PlatformCpu.sample(pids);
            OpenLoop.Result result = load.run(rate, Duration.ofSeconds(seconds), request,
                    AuthorizeBenchCommand::ok, AuthorizeBenchCommand::outcome);
            Map<String, Duration> used = PlatformCpu.difference(before, PlatformCpu.sample(pids));
            failed += result.errors();
            out.printf(Locale.ROOT, "%6d %8d %7d %10.1f %8.2f %8.2f %8.2f %9.2f %8.2f  %s%n", rate, result.sent(),
                    result.errors(), result.achievedPerSecond(), result.millis(50), result.millis(90),
                    result.millis(99), result.millis(99.9), result.maxMillis(), result.outcomes());
            StringBuilder cpu = new StringBuilder(String.format(Locale.ROOT, "%6d/s CPU per request:", rate));
            long totalMicros = 0;
            for (Map.Entry<String, Duration> e : used.entrySet()) {
                long micros = e.getValue().toNanos() / 1000 / Math.max(1, result.sent());
                totalMicros += micros;
                cpu.append(String.format(Locale.ROOT, " %s %d us,", e.getKey(), micros));
            }
            cpu.append(String.format(Locale.ROOT, " total %d us; load average %s", totalMicros,
                    PlatformCpu.loadAverage()));
            cpuLines.add(cpu.toString());
            out.flush();
        }
        cpuLines.forEach(out::println);
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    static boolean ok(HttpResponse<String> response) {
        return response.statusCode() == 200;
    }

    static String outcome(HttpResponse<String> response) {
        String body = response.body();
        Matcher scorer = SCORER.matcher(body);
        Matcher decision = DECISION.matcher(body);
        return (scorer.find() ? scorer.group(1) : "?") + " " + (decision.find() ? decision.group(1) : "?");
    }

    /** Synthetic transactions, as JSON objects without their opening brace and transactionId (added per request). */
    private List<String> bodies() {
        Instant start = Instant.now().minus(Duration.ofDays(2));
        SyntheticTransactions.Options options = new SyntheticTransactions.Options(seed, 2_000, 0.02, start,
                Duration.ofSeconds(30));
        List<String> bodies = new ArrayList<>();
        for (SyntheticTransactions.Labelled row : SyntheticTransactions.generate(options, 5_000)) {
            ObjectNode json = EventJson.newMapper().valueToTree(row.transaction());
            json.remove("transactionId");
            bodies.add(json.toString().substring(1));
        }
        return bodies;
    }

    private Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        ServiceStack.of(home).status().forEach((service, status) -> status.pid()
                .ifPresent(pid -> pids.put(service.serviceName(), pid)));
        new InfraStack(home, InfraPorts.FIXED, JavaCommand.ofThisApplication()).status()
                .forEach((store, status) -> status.pid().ifPresent(pid -> pids.put(status.name(), pid)));
        // pg_ctl detaches the PostgreSQL server from its runner: its backends are counted through postmaster.pid
        java.nio.file.Path postmaster = home.data().resolve(InfraStore.POSTGRES.storeName()).resolve("data")
                .resolve("postmaster.pid");
        try {
            List<String> lines = java.nio.file.Files.exists(postmaster) ? java.nio.file.Files.readAllLines(postmaster)
                    : List.of();
            if (!lines.isEmpty()) {
                pids.put("postgres-server", Long.parseLong(lines.get(0).trim()));
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // being restarted: left out of the CPU report
        }
        return pids;
    }
}
