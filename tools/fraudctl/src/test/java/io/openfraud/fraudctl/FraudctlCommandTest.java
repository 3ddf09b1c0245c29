package io.openfraud.fraudctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.events.Topics;
import io.openfraud.fraudctl.imports.FakeImportApi;
import io.openfraud.fraudctl.imports.ImportCommand;
import io.openfraud.fraudctl.keys.InstallKeys;
import io.openfraud.fraudctl.models.FakePlatformApi;
import io.openfraud.fraudctl.models.TrainCommand;
import io.openfraud.fraudctl.score.FakeAuthorizationApi;
import io.openfraud.fraudctl.score.ScoreCommand;
import io.openfraud.fraudctl.status.StatusCommand;
import io.openfraud.fraudctl.token.TokenVerification;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commands as a user runs them, in the application. One class for all of them: each {@code @QuarkusMainTest}
 * class builds the application again (2-4 s). Every launch gets an empty FRAUDCTL_HOME of its own
 * ({@link FraudctlHomeExtension}). The stores' start/stop cycle is tested on free ports in {@code InfraStackTest}:
 * whether something listens on the fixed ports depends on the machine, so here only pid files decide.
 */
@QuarkusMainTest
@ExtendWith(FraudctlHomeExtension.class)
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

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings(QuarkusMainLauncher launcher) {
        // picocli formats descriptions with String.format: a bare '%' (e.g. "80%") printed a WARN over the usage
        LaunchResult top = launcher.launch("--help");
        assertThat(top.exitCode()).isZero();
        List<String> commands = top.getOutput().lines().map(String::strip)
                .dropWhile(line -> !line.startsWith("Commands:")).skip(1)
                .filter(line -> line.matches("[a-z][a-z-]*\\s{2,}.*")).map(line -> line.split("\\s+")[0]).toList();
        assertThat(commands).contains("up", "evaluate", "bench", "infra");
        assertThat(top.getOutput() + top.getErrorOutput()).doesNotContain("Could not format");
        for (String command : commands) {
            LaunchResult help = launcher.launch(command, "--help");
            assertThat(help.getOutput() + help.getErrorOutput()).as(command).doesNotContain("Could not format")
                    .contains("Usage: fraudctl " + command);
        }
    }

    // keys

    @Test
    void keysCreatesTheKeysOnceAndPrintsTheirPathsNeverTheirContent(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        LaunchResult first = launcher.launch("keys");

        assertThat(first.exitCode()).isZero();
        Path keys = home.resolve("keys");
        assertThat(first.getOutput()).contains("Created", keys.resolve("jwt-private.pem").toString(),
                keys.resolve("jwt-public.pem").toString(), keys.resolve("pan-token.key").toString(),
                keys.resolve("pseudonym.key").toString(), keys.resolve("encryption.key").toString());
        for (String secret : List.of("pan-token.key", "pseudonym.key", "encryption.key")) {
            assertThat(first.getOutput()).doesNotContain(Files.readString(keys.resolve(secret)).trim());
        }
        assertThat(first.getOutput()).doesNotContain("BEGIN");
        byte[] privateKey = Files.readAllBytes(keys.resolve("jwt-private.pem"));

        LaunchResult second = launcher.launch("keys");

        assertThat(second.exitCode()).isZero();
        assertThat(second.getOutput()).contains("Keys (existing) in " + keys).doesNotContain("Created");
        assertThat(Files.readAllBytes(keys.resolve("jwt-private.pem"))).isEqualTo(privateKey);
    }

    // token

    @Test
    void tokenPrintsAJwtSignedWithTheInstallKeyAsItsLastLine(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        long before = Instant.now().getEpochSecond();

        LaunchResult result = launcher.launch("token", "--role", "analyst", "--role", "dpo,analyst",
                "--subject", "alice", "--ttl", "15m");

        assertThat(result.exitCode()).isZero();
        TokenVerification.Verified jwt = TokenVerification.verify(lastLine(result),
                InstallKeys.readPublicKey(home.resolve("keys/jwt-public.pem")));
        assertThat(jwt.header().get("alg").asText()).isEqualTo("RS256");
        assertThat(jwt.claims().get("iss").asText()).isEqualTo("openfraud");
        assertThat(jwt.claims().get("sub").asText()).isEqualTo("alice");
        assertThat(jwt.claims().get("upn").asText()).isEqualTo("alice");
        assertThat(jwt.claims().get("groups")).extracting(node -> node.asText()).containsExactly("analyst", "dpo");
        long iat = jwt.claims().get("iat").asLong();
        assertThat(iat).isBetween(before, Instant.now().getEpochSecond());
        assertThat(jwt.claims().get("exp").asLong()).isEqualTo(iat + 15 * 60);
        assertThat(result.getErrorOutput()).contains("Created this installation's keys", "Token for alice");
    }

    @Test
    void tokenDefaultsToSubjectFraudctlForAnHour(QuarkusMainLauncher launcher, Path home) throws Exception {
        InstallKeys keys = InstallKeys.ensure(home.resolve("keys"));

        LaunchResult result = launcher.launch("token", "-r", "service");

        assertThat(result.exitCode()).isZero();
        TokenVerification.Verified jwt = TokenVerification.verify(lastLine(result), keys.loadJwtPublicKey());
        assertThat(jwt.claims().get("sub").asText()).isEqualTo("fraudctl");
        assertThat(jwt.claims().get("groups")).extracting(node -> node.asText()).containsExactly("service");
        assertThat(jwt.claims().get("exp").asLong() - jwt.claims().get("iat").asLong()).isEqualTo(3600);
        assertThat(result.getErrorOutput()).doesNotContain("Created");
    }

    @Test
    void tokenRejectsAnUnknownRoleWithExitCode2(QuarkusMainLauncher launcher, Path home) {
        LaunchResult result = launcher.launch("token", "--role", "root");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("unknown role 'root'; allowed roles: admin, analyst, reviewer, "
                + "dpo, subject, service");
        assertThat(result.getOutput()).isEmpty();
        assertThat(home.resolve("keys")).doesNotExist();
    }

    @Test
    void tokenRequiresARole(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("token");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Missing required option: '--role=ROLE'");
    }

    // status, infra

    @Test
    void statusListsEveryStoreAndIsNotUpWithoutPidFiles(QuarkusMainLauncher launcher, Path home) {
        LaunchResult result = launcher.launch("status");

        assertThat(result.exitCode()).isEqualTo(StatusCommand.NOT_ALL_UP);
        assertThat(result.getOutput()).contains("kafka", "19092", "postgres", "15432", "redis", "16379", "mongo",
                "17017", "FRAUDCTL_HOME: " + home);
        // "down", or "down, port in use" where a developer runs the stores on the fixed ports
        assertThat(result.getOutputStream()).filteredOn(line -> line.contains(" store "))
                .hasSize(4).allMatch(line -> line.contains(" down"));
        assertThat(result.getOutput()).contains("ingestion-service", "8081", "feature-service", "8082",
                "scoring-service", "8083", "retraining-service", "8084", "governance-service", "8085");
        assertThat(result.getOutputStream()).filteredOn(line -> line.contains(" service "))
                .hasSize(5).allMatch(line -> line.contains(" down"));
    }

    @Test
    void downWithNothingRunningNamesServicesAndStores(QuarkusMainLauncher launcher, Path home) throws Exception {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/scoring-service.pid"), "999999999\n");

        LaunchResult result = launcher.launch("down");

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("ingestion-service   not running", "kafka               not running",
                "Nothing was running");
        assertThat(result.getOutput().indexOf("governance-service")).isLessThan(result.getOutput().indexOf("kafka"));
        assertThat(home.resolve("run/scoring-service.pid")).doesNotExist();
    }

    @Test
    void infraDownWithNothingRunningSaysSoAndRemovesStalePidFiles(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/kafka.pid"), "999999999\n");

        LaunchResult result = launcher.launch("infra", "down");

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("kafka     not running", "Nothing was running");
        assertThat(home.resolve("run/kafka.pid")).doesNotExist();
    }

    @Test
    void infraWithoutASubcommandIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("infra");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.getErrorOutput()).contains("Missing required subcommand");
    }

    // import

    @Test
    void importUploadsTheFileGzippedFollowsTheJobAndPrintsItsCounts(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        Path file = Files.writeString(home.resolve("rows.ndjson"), "{\"transactionId\":\"t-1\"}\n");
        try (FakeImportApi api = new FakeImportApi().thenJobs(
                "{\"id\":7,\"status\":\"RUNNING\",\"rowsRead\":1}",
                "{\"id\":7,\"status\":\"COMPLETED\",\"format\":\"ndjson\",\"fileName\":\"rows.ndjson\","
                        + "\"rowsRead\":3,\"accepted\":1,\"duplicates\":0,\"rejected\":1,\"malformed\":1,"
                        + "\"labelsPublished\":1,\"rejectedByRule\":{\"DQ-CURRENCY-ISO4217\":1},"
                        + "\"malformedReasons\":{\"line: not valid JSON\":1},\"rowsPerSecond\":1234.5}")) {
            LaunchResult result = launcher.launch("import", "--format", "ndjson", file.toString(),
                    "--url", api.url().toString());

            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
            assertThat(api.contentEncoding()).isEqualTo("gzip");
            assertThat(api.received()).isEqualTo("{\"transactionId\":\"t-1\"}\n");
            assertThat(api.authorization()).startsWith("Bearer ey");
            assertThat(result.getOutput()).contains("import 7 COMPLETED", "rows 3: accepted 1, duplicates 0, "
                    + "rejected 1, malformed 1; labels published 1", "rejected by DQ-CURRENCY-ISO4217: 1",
                    "malformed, line: not valid JSON: 1", "1235 rows/s");
        }
    }

    @Test
    void importExitsWith1WhenTheJobFailed(QuarkusMainLauncher launcher, Path home) throws Exception {
        Path file = Files.writeString(home.resolve("rows.csv"), "step,type\n");
        try (FakeImportApi api = new FakeImportApi().thenJobs("{\"id\":7,\"status\":\"FAILED\","
                + "\"error\":\"the file could not be read to its end\"}")) {
            LaunchResult result = launcher.launch("import", "-f", "paysim", file.toString(), "--url",
                    api.url().toString());

            assertThat(result.exitCode()).isEqualTo(ImportCommand.FAILED);
            assertThat(result.getOutput()).contains("import 7 FAILED", "error: the file could not be read");
        }
    }

    @Test
    void importExitsWith1WhenTheUploadIsRefusedOrTheServiceIsDown(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        Path file = Files.writeString(home.resolve("rows.csv"), "a\n");
        try (FakeImportApi api = new FakeImportApi().refuseUpload(403,
                "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"not allowed\"}")) {
            LaunchResult refused = launcher.launch("import", "-f", "sparkov", file.toString(), "--url",
                    api.url().toString());

            assertThat(refused.exitCode()).isEqualTo(ImportCommand.FAILED);
            assertThat(refused.getErrorOutput()).contains("the upload was refused: 403 Forbidden: not allowed");
        }
        LaunchResult down = launcher.launch("import", "-f", "sparkov", file.toString(), "--url",
                "http://127.0.0.1:1");
        assertThat(down.exitCode()).isEqualTo(ImportCommand.FAILED);
        assertThat(down.getErrorOutput()).contains("cannot reach http://127.0.0.1:1");
    }

    @Test
    void importRejectsBadArgumentsWithExitCode2(QuarkusMainLauncher launcher, Path home) throws Exception {
        Path file = Files.writeString(home.resolve("rows.csv"), "a\n");

        LaunchResult noFormat = launcher.launch("import", file.toString());
        assertThat(noFormat.exitCode()).isEqualTo(2);
        assertThat(noFormat.getErrorOutput()).contains("Missing required option: '--format=FORMAT'");

        LaunchResult badFormat = launcher.launch("import", "--format", "xls", file.toString());
        assertThat(badFormat.exitCode()).isEqualTo(2);
        assertThat(badFormat.getErrorOutput()).contains("unknown --format; expected paysim, sparkov or ndjson");

        LaunchResult noFile = launcher.launch("import", "--format", "paysim", home.resolve("missing.csv").toString());
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.getErrorOutput()).contains("no readable file");

        LaunchResult noArgument = launcher.launch("import", "--format", "paysim");
        assertThat(noArgument.exitCode()).isEqualTo(2);
        assertThat(noArgument.getErrorOutput()).contains("Missing required parameter: 'FILE'");
    }

    // features

    @Test
    void featuresBuildWritesOnePointInTimeRowPerTransactionMaskedWithTheInstallationsKeys(
            QuarkusMainLauncher launcher, Path home) throws Exception {
        Path input = home.resolve("paysim.csv");
        Files.writeString(input, String.join("\n",
                "step,type,amount,nameOrig,oldbalanceOrg,newbalanceOrig,nameDest,oldbalanceDest,newbalanceDest,"
                        + "isFraud,isFlaggedFraud",
                "1,TRANSFER,181.00,C1305486145,181.0,0.0,C553264065,0.0,0.0,1,0",
                "1,PAYMENT,9839.64,C1231006815,170136.0,160296.36,M1979787155,0.0,0.0,0,0",
                "2,CASH_OUT,181.00,C1305486145,0.0,0.0,C38997010,21182.0,0.0,1,0",
                "not,a,row"), java.nio.charset.StandardCharsets.UTF_8);
        Path out = home.resolve("train.csv");

        LaunchResult result = launcher.launch("features", "build", "--format", "paysim", input.toString(), "--out",
                out.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getOutput()).contains("Wrote 3 rows", "features-v2", "Skipped 1 rows");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(4);
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header.subList(0, 3)).containsExactly("transaction_id", "timestamp", "label");
        assertThat(header.subList(3, header.size())).containsExactlyElementsOf(
                io.openfraud.features.FeatureSet.names());
        int count = header.indexOf("customer_txn_count");
        int since = header.indexOf("seconds_since_previous");
        int error = header.indexOf("customer_balance_error_log");
        int whole = header.indexOf("customer_amount_is_balance");
        List<String> last = List.of(lines.get(3).split(",", -1));
        assertThat(last.get(2)).isEqualTo("1");
        assertThat(last.get(count)).isEqualTo("1"); // the customer's first transfer, an hour (one step) before
        assertThat(last.get(since)).isEqualTo("3600");
        assertThat(List.of(lines.get(1).split(",", -1)).get(error)).isEqualTo("0");
        assertThat(List.of(lines.get(1).split(",", -1)).get(whole)).isEqualTo("1"); // 181.00 of a 181.0 balance
        assertThat(String.join("\n", lines)).doesNotContain("C1305486145");

        // the same keys given as files give the same rows
        Path again = home.resolve("again.csv");
        LaunchResult explicit = launcher.launch("features", "build", "--format", "paysim", input.toString(), "--out",
                again.toString(), "--pan-key-file", home.resolve("keys/pan-token.key").toString(),
                "--pseudonym-key-file", home.resolve("keys/pseudonym.key").toString());
        assertThat(explicit.exitCode()).isZero();
        assertThat(Files.readAllLines(again)).isEqualTo(lines);
    }

    // score

    @Test
    void scoreWritesOneLinePerRowInFileOrderAndCountsRejectedRows(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        Path input = Files.writeString(home.resolve("rows.ndjson"), String.join("\n",
                row("t-1", "100.00", "FRAUD"), row("t-2", "950.00", null), "{broken", row("t-4", "-1.00", null),
                row("t-5", "600.00", "LEGIT")) + "\n");
        Path out = home.resolve("scores.csv");
        try (FakeAuthorizationApi api = new FakeAuthorizationApi("t-1", "t-2")) {
            LaunchResult result = launcher.launch("score", "--format", "ndjson", input.toString(), "--out",
                    out.toString(), "--url", api.url().toString(), "--concurrency", "3");

            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
            assertThat(api.labelSeen()).isFalse();
            assertThat(api.authorization()).startsWith("Bearer ey");
        }
        assertThat(Files.readAllLines(out)).containsExactly("transactionId,score,decision,reason",
                "t-1,0.100000,APPROVE,", "t-2,0.950000,DECLINE,", ",,MALFORMED,row 3: line: not valid JSON",
                "t-4,,REJECTED,400 Bad Request: The transaction is not valid.; amount must be positive "
                        + "(DQ-AMOUNT-POSITIVE)", "t-5,0.600000,REVIEW,");
    }

    @Test
    void scoreExitsWith1AndSaysSoWhenThePlatformIsDown(QuarkusMainLauncher launcher, Path home) throws Exception {
        Path input = Files.writeString(home.resolve("rows.ndjson"), row("t-1", "1.00", null) + "\n");
        LaunchResult result = launcher.launch("score", "-f", "ndjson", input.toString(), "--out",
                home.resolve("scores.csv").toString(), "--url", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(ScoreCommand.FAILED);
        assertThat(result.getErrorOutput()).contains("cannot reach ingestion-service at http://127.0.0.1:1",
                "is the platform up?");
    }

    private static String row(String id, String amount, String label) {
        return "{\"transactionId\":\"" + id + "\",\"timestamp\":\"2025-01-01T10:00:00Z\",\"type\":\"CARD\","
                + "\"amount\":" + amount + ",\"currency\":\"EUR\",\"customer\":{\"id\":\"c-1\"}"
                + (label == null ? "" : ",\"label\":\"" + label + "\"") + "}";
    }

    // train and evaluate

    @Test
    void trainImportsWaitsForTheLabelsTrainsOnTheFilesWindowAndPrintsTheReport(QuarkusMainLauncher launcher,
            Path home) throws Exception {
        Path input = Files.writeString(home.resolve("rows.ndjson"), String.join("\n",
                row("t-1", "10.00", "LEGIT").replace("10:00:00Z", "00:00:00Z"),
                row("t-2", "20.00", "FRAUD").replace("10:00:00Z", "01:00:00Z"),
                row("t-3", "30.00", null).replace("10:00:00Z", "02:00:00Z")) + "\n");
        try (FakePlatformApi api = new FakePlatformApi()) {
            LaunchResult result = launcher.launch("train", "--format", "ndjson", input.toString(), "--url",
                    api.url().toString(), "--retraining-url", api.url().toString());

            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
            // the window of the labelled rows, its end exclusive
            assertThat(api.runRequest()).isEqualTo("{\"windowStart\":\"2025-01-01T00:00:00Z\","
                    + "\"windowEnd\":\"2025-01-01T01:00:00.001Z\"}");
            assertThat(api.labelCountCalls()).as("waited for the second label").isGreaterThanOrEqualTo(2);
            TokenVerification.Verified jwt = TokenVerification.verify(api.runAuthorization().substring(7),
                    InstallKeys.readPublicKey(home.resolve("keys/jwt-public.pem")));
            assertThat(jwt.claims().get("groups")).extracting(node -> node.asText()).containsExactly("admin");
            assertThat(result.getOutput()).contains("import 7 COMPLETED",
                    "Training run 12 SUCCEEDED: version 3 registered as CHALLENGER", "gate: worse than champion 2",
                    "2 exported transactions, 2 rows, 2 labelled, 1 frauds",
                    "train      2025-01-01T00:00:00Z .. 2025-01-01T00:30:00Z  6 rows, 1 frauds",
                    "Champion 2 on the same slice: PR-AUC 0.9500",
                    "Report page: " + api.url() + "/api/v1/training-runs/12/report.html");
            assertThat(result.getOutput()).containsPattern("PR-AUC +0\\.9321 +0\\.1234")
                    .containsPattern("TP / FP +8 / 2 +1 / 9");
        }
    }

    @Test
    void trainExitsWith1WhenRetrainingIsDownBeforeImportingAnything(QuarkusMainLauncher launcher, Path home)
            throws Exception {
        Path input = Files.writeString(home.resolve("rows.ndjson"), row("t-1", "1.00", "LEGIT") + "\n");
        try (FakeImportApi ingestion = new FakeImportApi()) {
            LaunchResult result = launcher.launch("train", "-f", "ndjson", input.toString(), "--url",
                    ingestion.url().toString(), "--retraining-url", "http://127.0.0.1:1");

            assertThat(result.exitCode()).isEqualTo(TrainCommand.FAILED);
            assertThat(result.getErrorOutput()).contains("cannot reach retraining-service at http://127.0.0.1:1");
            assertThat(ingestion.received()).as("nothing imported").isNull();
        }
    }

    @Test
    void evaluateRejectsBadArgumentsWithExitCode2(QuarkusMainLauncher launcher, Path home) throws Exception {
        Path file = Files.writeString(home.resolve("rows.csv"), "a\n");
        assertThat(launcher.launch("evaluate", "--format", "excel", file.toString()).exitCode()).isEqualTo(2);
        assertThat(launcher.launch("evaluate", "--format", "paysim", home.resolve("missing.csv").toString())
                .exitCode()).isEqualTo(2);
    }

    private static String lastLine(LaunchResult result) {
        List<String> lines = result.getOutputStream();
        return lines.get(lines.size() - 1);
    }
}
