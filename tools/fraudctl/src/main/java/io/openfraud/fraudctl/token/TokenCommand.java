package io.openfraud.fraudctl.token;

import io.openfraud.fraudctl.DurationConverter;
import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.keys.InstallKeys;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code fraudctl token --role R [--role R2] [--subject S] [--ttl 1h]}. */
@Command(name = "token", description = {"Prints a JWT (RS256) signed with this installation's key, for the "
        + "services' APIs: TOKEN=$(fraudctl token --role analyst).",
    "The token is the only line on standard output; a summary goes to standard error."})
public class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Option(names = {"-r", "--role"}, required = true, split = ",", paramLabel = "ROLE",
            converter = Role.Converter.class,
            description = "A role in the groups claim; repeatable or comma-separated: admin, analyst, reviewer, "
                    + "dpo, subject, service.")
    List<Role> roles;

    @Option(names = {"-s", "--subject"}, defaultValue = "fraudctl", paramLabel = "SUBJECT",
            description = "The sub and upn claims (default: ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--ttl", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the token is valid: 90s, 15m, 1h, 7d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    @Override
    public Integer call() {
        if (subject.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--subject must not be blank");
        }
        InstallKeys keys = InstallKeys.ensure(home.keys());
        PrintWriter err = spec.commandLine().getErr();
        if (!keys.created().isEmpty()) {
            err.println("Created this installation's keys in " + keys.directory());
        }
        Set<Role> distinct = new LinkedHashSet<>(roles);
        Clock clock = Clock.systemUTC();
        String token = new TokenIssuer(keys.loadJwtPrivateKey(), clock).issue(subject, distinct, ttl);
        err.printf("Token for %s, roles %s, expires %s%n", subject,
                distinct.stream().map(Role::claim).collect(Collectors.joining(",")),
                Instant.now(clock).plus(ttl).truncatedTo(ChronoUnit.SECONDS));
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }
}
