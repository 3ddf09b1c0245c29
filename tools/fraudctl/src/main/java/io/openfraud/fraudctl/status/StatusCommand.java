package io.openfraud.fraudctl.status;

import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.infra.InfraPorts;
import io.openfraud.fraudctl.infra.InfraStack;
import io.openfraud.fraudctl.infra.InfraStore;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.process.ProcessStatus;
import io.openfraud.fraudctl.services.PlatformService;
import io.openfraud.fraudctl.services.ServiceStack;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fraudctl status}: every process fraudctl runs, by pid file and port probe. */
@Command(name = "status", description = {"Shows each store and service as up or down, by its pid file and a "
        + "connection to its port.", "Exit code 0 when everything is up, 3 otherwise."})
public class StatusCommand implements Callable<Integer> {

    /** The LSB status code for "not running", so scripts can test {@code fraudctl status >/dev/null}. */
    public static final int NOT_ALL_UP = 3;

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InfraStack infra = new InfraStack(home, InfraPorts.FIXED, JavaCommand.ofThisApplication());
        Map<InfraStore, ProcessStatus> statuses = infra.status();
        out.printf("%-18s %-7s %-18s %-8s %-6s %s%n", "NAME", "KIND", "STATE", "PID", "PORT", "URL");
        for (Map.Entry<InfraStore, ProcessStatus> entry : statuses.entrySet()) {
            InfraStore store = entry.getKey();
            ProcessStatus status = entry.getValue();
            out.printf("%-18s %-7s %-18s %-8s %-6d %s%n", status.name(), "store", status.state().label(),
                    status.pid().isPresent() ? Long.toString(status.pid().getAsLong()) : "-", status.port(),
                    store.url(infra.ports()));
        }
        Map<PlatformService, ProcessStatus> services = ServiceStack.of(home).status();
        for (Map.Entry<PlatformService, ProcessStatus> entry : services.entrySet()) {
            ProcessStatus status = entry.getValue();
            out.printf("%-18s %-7s %-18s %-8s %-6d %s%n", status.name(), "service", status.state().label(),
                    status.pid().isPresent() ? Long.toString(status.pid().getAsLong()) : "-", status.port(),
                    entry.getKey().url());
        }
        out.println("FRAUDCTL_HOME: " + home.root());
        out.flush();
        return statuses.values().stream().allMatch(ProcessStatus::isUp)
                && services.values().stream().allMatch(ProcessStatus::isUp) ? 0 : NOT_ALL_UP;
    }
}
