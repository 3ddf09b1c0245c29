package io.openfraud.fraudctl.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.openfraud.fraudctl.home.FraudctlHome;
import io.openfraud.fraudctl.process.JavaCommand;
import io.openfraud.fraudctl.process.Lifetime;
import io.openfraud.fraudctl.process.ManagedProcess;
import io.openfraud.fraudctl.process.Ports;
import io.openfraud.fraudctl.process.ProcessSpec;
import io.openfraud.fraudctl.process.ProcessStatus;
import io.openfraud.fraudctl.process.ProcessSupervisor;
import io.openfraud.events.Topics;
import io.openfraud.platform.infra.InfraMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraStackTest {

    @TempDir
    Path dir;

    @Test
    void runsEachStoreWithInfraMainOnTheFixedPortsUnderFraudctlHome() {
        FraudctlHome home = new FraudctlHome(dir);
        InfraStack stack = new InfraStack(home, InfraPorts.FIXED, new JavaCommand(Path.of("/jdk/bin/java"), "CP"));

        ProcessSpec kafka = stack.spec(InfraStore.KAFKA, Lifetime.ATTACHED);
        ProcessSpec postgres = stack.spec(InfraStore.POSTGRES, Lifetime.DETACHED);

        assertThat(kafka.command()).startsWith("/jdk/bin/java").containsSubsequence("-cp", "CP",
                InfraMain.class.getName(), "kafka", "--port", "19092", "--controller-port", "19093", "--data-dir",
                dir.resolve("data").toString(), "--topics", "--max-partitions", "3", "--watch-stdin");
        assertThat(kafka.command()).contains("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        assertThat(kafka.ports()).containsExactly(19092, 19093);
        assertThat(kafka.logFile()).isEqualTo(dir.resolve("logs/kafka.log"));
        assertThat(kafka.pidFile()).isEqualTo(dir.resolve("run/kafka.pid"));
        assertThat(postgres.command()).containsSubsequence("postgres", "--port", "15432", "--data-dir",
                dir.resolve("data").toString(), "--database", "ingestion,retraining,scoring").doesNotContain("--watch-stdin");
        assertThat(stack.spec(InfraStore.REDIS, Lifetime.DETACHED).command())
                .containsSubsequence("redis", "--port", "16379").contains("--persistent");
        assertThat(stack.spec(InfraStore.MONGO, Lifetime.DETACHED).command())
                .containsSubsequence("mongo", "--port", "17017").doesNotContain("--data-dir");
        assertThat(InfraStore.POSTGRES.url(InfraPorts.FIXED))
                .isEqualTo("jdbc:postgresql://127.0.0.1:15432/{ingestion,retraining,scoring} (postgres/postgres)");
    }

    /**
     * What 'fraudctl infra up --detach', 'status' and 'infra down' do, on free ports (the fixed ones may be in use
     * on a developer's machine): real InfraMain processes from the test class path.
     */
    @Test
    void startsEveryStoreDetachedReportsThemUpAndStopsThemFromTheirPidFiles() throws Exception {
        FraudctlHome home = new FraudctlHome(dir);
        InfraPorts ports = new InfraPorts(Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Ports.freePort());
        InfraStack stack = new InfraStack(home, ports, JavaCommand.ofThisApplication());
        ProcessSupervisor supervisor = new ProcessSupervisor();
        try {
            InfraStack.UpResult up = stack.up(supervisor, Lifetime.DETACHED, Duration.ofSeconds(120));
            supervisor.detach();

            assertThat(up.alreadyRunning()).isEmpty();
            assertThat(up.started()).containsOnlyKeys(InfraStore.values());
            assertThat(up.started().get(InfraStore.KAFKA).readyDetails())
                    .containsEntry("bootstrap.servers", "127.0.0.1:" + ports.kafka());
            assertThat(up.started().get(InfraStore.POSTGRES).readyDetails())
                    .containsEntry("port", Integer.toString(ports.postgres()));
            assertThat(stack.status().values()).allMatch(ProcessStatus::isUp);
            assertThat(dir.resolve("data/kafka")).isDirectory();
            assertThat(dir.resolve("data/postgres")).isDirectory();
            assertThat(dir.resolve("run/redis.pid")).exists();
            assertThat(Files.readString(dir.resolve("logs/mongo.log"))).contains("READY mongo");
            assertThat(dir.resolve(InfraStack.LOGGING_CONFIGURATION)).exists();
            String bootstrap = "127.0.0.1:" + ports.kafka();
            assertThat(up.topics()).as("a started Kafka provisions its topics itself").isEmpty();
            assertThat(retentionMs(bootstrap, Topics.TRANSACTIONS_RAW_NAME))
                    .isEqualTo(Long.toString(Topics.TRANSACTIONS_RAW.retention().toMillis()));
            // An operator changes a retention by hand on the running broker ...
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.incrementalAlterConfigs(Map.of(topic(Topics.TRANSACTIONS_RAW_NAME), List.of(new AlterConfigOp(
                        new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)))).all()
                        .get(10, TimeUnit.SECONDS);
            }
            // reaches the broker's view asynchronously (KRaft metadata)
            await().atMost(Duration.ofSeconds(15)).until(() -> retentionMs(bootstrap, Topics.TRANSACTIONS_RAW_NAME),
                    "-1"::equals);

            InfraStack.UpResult again = stack.up(supervisor, Lifetime.DETACHED, Duration.ofSeconds(10));
            assertThat(again.started()).isEmpty();
            assertThat(again.alreadyRunning()).containsOnlyKeys(InfraStore.values());
            // ... and the next 'up' sets the declared one back.
            assertThat(again.topics()).hasValueSatisfying(report -> {
                assertThat(report.created()).isEmpty();
                assertThat(report.aligned()).containsOnlyKeys(Topics.TRANSACTIONS_RAW_NAME);
            });
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(retentionMs(bootstrap, Topics.TRANSACTIONS_RAW_NAME)).isEqualTo("86400000"));

            Map<InfraStore, InfraStack.StopOutcome> down = stack.down(Duration.ofSeconds(20));

            assertThat(down.values()).containsOnly(InfraStack.StopOutcome.STOPPED);
            assertThat(up.started().values()).noneMatch(ManagedProcess::isAlive);
            assertThat(stack.status().values()).extracting(ProcessStatus::state)
                    .containsOnly(ProcessStatus.State.DOWN);
            assertThat(List.of("kafka", "postgres", "redis", "mongo"))
                    .allSatisfy(store -> assertThat(dir.resolve("run/" + store + ".pid")).doesNotExist());
        } finally {
            stack.down(Duration.ofSeconds(5));
        }
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static String retentionMs(String bootstrap, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeConfigs(List.of(topic(name))).all().get(10, TimeUnit.SECONDS).get(topic(name))
                    .get("retention.ms").value();
        }
    }
}
