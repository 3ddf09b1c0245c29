package io.openfraud.fraudctl;

import io.openfraud.events.Topic;
import io.openfraud.events.Topics;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fraudctl topics}: the platform's topic contract, from the one place it is declared. */
@Command(name = "topics", description = "Lists every topic with its key, partitions, retention, producers and consumers.")
class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-24s %-28s %4s %10s  %s -> %s%n", "TOPIC", "KEY", "PART", "RETENTION", "PRODUCERS", "CONSUMERS");
        for (Topic<?> topic : Topics.ALL) {
            out.printf("%-24s %-28s %4d %10s  %s -> %s%n", topic.name(), topic.key(), topic.partitions(),
                    topic.retention(), String.join(", ", topic.producers()), String.join(", ", topic.consumers()));
        }
        for (String dlq : Topics.deadLetterTopics()) {
            out.printf("%-24s %-28s%n", dlq, "(dead letters)");
        }
        out.flush();
    }
}
