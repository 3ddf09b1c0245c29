package io.openfraud.fraudctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.Topics;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class FraudctlCommandTest {

    @Test
    @Launch({"topics"})
    void listsEveryDeclaredTopicAndDeadLetterTopic(LaunchResult result) {
        assertThat(result.exitCode()).isZero();
        Topics.allTopicNames().forEach(name -> assertThat(result.getOutput()).contains(name));
    }

    @Test
    @Launch(value = {"no-such-command"}, exitCode = 2)
    void rejectsAnUnknownCommandWithUsage(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("Unmatched argument");
    }
}
