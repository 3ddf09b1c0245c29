package io.openfraud.retraining.training.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.openfraud.events.EventJson;
import io.openfraud.events.label.LabelSource;
import io.openfraud.events.label.LabelValue;
import io.openfraud.events.gdpr.GdprCommand;
import io.openfraud.events.model.ModelLifecycleEvent.Trigger;
import io.openfraud.events.transaction.MaskedTransaction;
import io.openfraud.features.FeatureSet;
import io.openfraud.formats.synthetic.SyntheticTransactions;
import io.openfraud.masking.TransactionMasker;
import io.openfraud.model.artifact.ModelArtifact;
import io.openfraud.model.metrics.Curves;
import io.openfraud.platform.test.JwtTestResource;
import io.openfraud.platform.test.KafkaTestResource;
import io.openfraud.platform.test.PostgresTestResource;
import io.openfraud.retraining.labels.persistence.LabelRow;
import io.openfraud.retraining.labels.persistence.LabelStore;
import io.openfraud.retraining.performance.OutcomeStore;
import io.openfraud.retraining.subject.SubjectDataService;
import io.openfraud.retraining.training.Incumbent;
import io.openfraud.retraining.training.TrainedModel;
import io.openfraud.retraining.training.TrainingProgress;
import io.openfraud.retraining.training.TrainingRequest;
import io.openfraud.retraining.training.VersionRegistered;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The DJL trainer on the module's real PostgreSQL (labels, baselines, drift reference), called directly: in tests the
 * {@code FakeModelTrainer} alternative is what training runs use. Ingestion's export is a small HTTP stub of its REST
 * API (a peer service cannot be started in this JVM); stores are real.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "db", value = "retraining"))
class DjlModelTrainerTest {

    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    /** A few epochs: enough to learn the generator's frauds, cheap on a busy machine. */
    private static final Map<String, String> QUICK = Map.of("max_epochs", "3", "patience", "3");

    @Inject
    DjlModelTrainer trainer;

    @Inject
    LabelStore labels;

    @Inject
    SubjectDataService subjects;

    @Inject
    OutcomeStore outcomes;

    @Inject
    AgroalDataSource dataSource;

    private static TrainingRequest request(long runId, boolean synthetic, Instant from, Instant to) {
        return new TrainingRequest(runId, from, to, synthetic, QUICK, Trigger.MANUAL);
    }

    @Test
    void aSyntheticRunGivesAVerifiedReproducibleArtifactAndEvaluatesTheChampionOnTheSameSlice() throws Exception {
        List<Double> fractions = new CopyOnWriteArrayList<>();
        List<String> phases = new CopyOnWriteArrayList<>();
        TrainingProgress progress = (fraction, phase) -> {
            fractions.add(fraction);
            phases.add(phase);
        };
        long runId = 900_000 + (System.nanoTime() & 0xffff);
        TrainedModel first = trainer.train(request(runId, true, START, START.plus(Duration.ofDays(30))),
                Optional.empty(), progress);

        // a real artifact of libs/fraud-model: it loads only with its checksum and feature set
        assertThat(first.sha256()).isEqualTo(ModelArtifact.sha256(first.artifact()));
        ModelArtifact artifact = ModelArtifact.read(first.artifact(), FeatureSet.VERSION, first.sha256());
        assertThat(artifact.metadata().featureNames()).isEqualTo(FeatureSet.names());
        assertThat(first.featureSetVersion()).isEqualTo(FeatureSet.VERSION);
        assertThat(first.rowCount()).isEqualTo(4000);
        assertThat(first.fraudLabelCount()).isPositive().isLessThan(first.rowCount());
        assertThat(first.metrics()).containsKeys("prAuc", "recallAtTargetFpr", "rulesPrAuc", "rocAuc");
        // better than chance: the frauds' share is the PR-AUC of a random ranking
        assertThat(first.metrics().get("prAuc")).isGreaterThan(2.0 * first.fraudLabelCount() / first.rowCount());
        assertThat(first.incumbentVersion()).isNull();
        assertThat(first.testWindowStart()).isBefore(first.testWindowEnd());
        assertThat(first.report()).containsEntry("synthetic", true).containsKeys("model", "rules", "testWindow",
                "trainWindow", "validationWindow", "dataWindow", "curves");
        // the model's and the rules fallback's curves on the test slice, downsampled, ending where every row is flagged
        @SuppressWarnings("unchecked")
        Map<String, Map<String, List<?>>> curves = (Map<String, Map<String, List<?>>>) (Map<?, ?>) first.report()
                .get("curves");
        for (String scorer : List.of("model", "rules")) {
            List<?> pr = curves.get(scorer).get("pr");
            List<?> roc = curves.get(scorer).get("roc");
            assertThat(pr).isNotEmpty().hasSizeLessThanOrEqualTo(DjlModelTrainer.CURVE_POINTS);
            assertThat(roc).isNotEmpty().hasSizeLessThanOrEqualTo(DjlModelTrainer.CURVE_POINTS);
            Curves.RocPoint last = (Curves.RocPoint) roc.get(roc.size() - 1);
            assertThat(last.falsePositiveRate()).isEqualTo(1.0);
            assertThat(last.truePositiveRate()).isEqualTo(1.0);
            assertThat(((Curves.PrPoint) pr.get(pr.size() - 1)).recall()).isEqualTo(1.0);
        }
        assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
        assertThat(phases).anyMatch(p -> p.startsWith("epoch 1/3"));

        // the same request again, with the first as champion: the same bytes, and (the same model on the same test
        // slice) the champion's metrics equal the candidate's
        TrainedModel second = trainer.train(request(runId + 1, true, START, START.plus(Duration.ofDays(30))),
                Optional.of(new Incumbent("1", FeatureSet.VERSION, first.sha256(), first.artifact())),
                (f, p) -> { });
        assertThat(second.sha256()).isEqualTo(first.sha256());
        assertThat(second.incumbentVersion()).isEqualTo("1");
        assertThat(second.incumbentMetrics().get("prAuc")).isCloseTo(second.metrics().get("prAuc"), within(1e-9));
        assertThat(second.incumbentMetrics().get("recallAtTargetFpr"))
                .isCloseTo(second.metrics().get("recallAtTargetFpr"), within(1e-9));

        // a champion of another feature set is not comparable: no incumbent metrics, the gate holds the candidate
        TrainedModel third = trainer.train(request(runId + 2, true, START, START.plus(Duration.ofDays(30))),
                Optional.of(new Incumbent("1", "features-v0", first.sha256(), first.artifact())), (f, p) -> { });
        assertThat(third.incumbentVersion()).isNull();
        assertThat(third.incumbentMetrics()).isEmpty();

        // registration: the baseline for performance monitoring and, for a champion, the drift reference; only the
        // latest run's rows are kept (one run at a time), so the first run's registration finds nothing to record
        String version = "djl-" + UUID.randomUUID().toString().substring(0, 8);
        trainer.registered(new VersionRegistered(runId, version + "-old", true));
        assertThat(outcomes.baseline(version + "-old")).isEmpty();
        trainer.registered(new VersionRegistered(runId + 2, version, true));
        OutcomeStore.Baseline baseline = outcomes.baseline(version).orElseThrow();
        assertThat(baseline.prAuc()).isCloseTo(third.metrics().get("prAuc"), within(1e-9));
        assertThat(baseline.threshold()).isEqualTo(artifact.metadata().thresholds().decline());
        assertThat(activeReference()).containsExactly(version, "4000", "training-run " + (runId + 2));

        // a challenger's registration records its baseline but leaves the reference alone
        trainer.train(request(runId + 3, true, START, START.plus(Duration.ofDays(30))), Optional.empty(),
                (f, p) -> { });
        trainer.registered(new VersionRegistered(runId + 3, version + "-c", false));
        assertThat(outcomes.baseline(version + "-c")).isPresent();
        assertThat(activeReference()).containsExactly(version, "4000", "training-run " + (runId + 2));
    }

    private List<String> activeReference() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT model_version, rows_count, source FROM drift_references"
                        + " WHERE active")) {
            assertThat(rs.next()).isTrue();
            return List.of(rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3));
        }
    }

    @Test
    void anExportRunJoinsIngestionsMaskedHistoryWithTheCurrentLabels() throws Exception {
        String token = "export-token-" + UUID.randomUUID();
        ObjectMapper json = EventJson.newMapper();
        TransactionMasker masker = new TransactionMasker("export-test-pan-key-32-bytes!!!!".getBytes(
                StandardCharsets.UTF_8), "export-test-pseudonym-key-32b!!!".getBytes(StandardCharsets.UTF_8));
        List<MaskedTransaction> history = new ArrayList<>();
        List<LabelValue> truth = new ArrayList<>();
        SyntheticTransactions.stream(new SyntheticTransactions.Options(7, 200, 0.05, START, Duration.ofSeconds(60)))
                .limit(5000).forEach(l -> {
                    MaskedTransaction t = masker.mask(l.transaction());
                    history.add(t);
                    truth.add(l.label());
                });
        // the window starts a day in: the day before only feeds the features
        Instant from = START.plus(Duration.ofDays(1));
        Instant to = history.get(history.size() - 1).timestamp().plusSeconds(1);

        // a subject restricted on gdpr.commands: its transactions never reach the trainer (not even its features)
        String restricted = history.get(history.size() / 2).customer().pseudonym();
        long excluded = history.stream().filter(t -> t.customer().pseudonym().equals(restricted)).count();
        assertThat(excluded).isPositive();
        subjects.limit(GdprCommand.Action.RESTRICT, restricted, "dsr-export-test");

        // labels: every fraud; the legitimate ones but each tenth (unlabelled, counted as LEGIT); one fraud first
        // labelled LEGIT then, observed later, FRAUD (the latest wins), one legit the other way round
        List<LabelRow> rows = new ArrayList<>();
        Instant observed = Instant.parse("2025-06-01T00:00:00Z");
        long inWindow = 0;
        long fraudsInWindow = 0;
        long labelledInWindow = 0;
        boolean flippedFraud = false;
        boolean flippedLegit = false;
        for (int i = 0; i < history.size(); i++) {
            MaskedTransaction t = history.get(i);
            boolean fraud = truth.get(i) == LabelValue.FRAUD;
            boolean inside = !t.timestamp().isBefore(from) && !t.customer().pseudonym().equals(restricted);
            boolean labelled = fraud || i % 10 != 0;
            if (inside) {
                inWindow++;
                fraudsInWindow += fraud ? 1 : 0;
                labelledInWindow += labelled ? 1 : 0;
            }
            if (!labelled) {
                continue;
            }
            if (inside && fraud && !flippedFraud) {
                rows.add(label(t, LabelValue.LEGIT, LabelSource.IMPORT, observed.minusSeconds(60)));
                flippedFraud = true;
            } else if (inside && !fraud && !flippedLegit) {
                rows.add(label(t, LabelValue.FRAUD, LabelSource.ANALYST, observed.minusSeconds(60)));
                flippedLegit = true;
            }
            rows.add(label(t, truth.get(i), LabelSource.IMPORT, observed));
        }
        labels.insertAll(rows);

        List<URI> asked = new CopyOnWriteArrayList<>();
        HttpServer ingestion = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingestion.createContext(IngestionExport.PATH, exchange -> {
            asked.add(exchange.getRequestURI());
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            Map<String, String> q = new java.util.HashMap<>();
            for (String kv : exchange.getRequestURI().getQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            }
            Instant qFrom = Instant.parse(q.get("from"));
            Instant qTo = Instant.parse(q.get("to"));
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (MaskedTransaction t : history) {
                    if (!t.timestamp().isBefore(qFrom) && t.timestamp().isBefore(qTo)) {
                        out.write(json.writeValueAsBytes(t));
                        out.write('\n');
                    }
                }
            }
        });
        ingestion.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + ingestion.getAddress().getPort());
            IngestionExport refused = new IngestionExport(base, Optional.of("wrong"), Duration.ofSeconds(5),
                    Duration.ofSeconds(60));
            assertThatThrownBy(() -> trainer.train(request(1, false, from, to), Optional.empty(), (f, p) -> { },
                    refused)).hasMessageContaining("answered 401");

            IngestionExport export = new IngestionExport(base, Optional.of(token), Duration.ofSeconds(5),
                    Duration.ofSeconds(60));
            TrainedModel model = trainer.train(request(2, false, from, to), Optional.empty(), (f, p) -> { },
                    export);
            // the export was read from the feature lookback (8 days) before the window, to its end
            assertThat(asked.get(asked.size() - 1).getQuery()).startsWith("from=" + from.minus(Duration.ofDays(8)) + "&to=" + to);
            assertThat(model.rowCount()).isEqualTo(inWindow);
            assertThat(model.labelCount()).isEqualTo(labelledInWindow);
            assertThat(model.fraudLabelCount()).isEqualTo(fraudsInWindow);
            assertThat(model.report()).containsEntry("synthetic", false)
                    .containsEntry("exportedTransactions", (long) history.size())
                    .containsEntry("excludedTransactions", excluded);
            ModelArtifact.read(model.artifact(), FeatureSet.VERSION, model.sha256());
            assertThat(model.metrics().get("prAuc")).isGreaterThan((double) fraudsInWindow / inWindow);
        } finally {
            ingestion.stop(0);
            subjects.limit(GdprCommand.Action.LIFT_RESTRICTION, restricted, "dsr-export-test");
        }
    }

    private static LabelRow label(MaskedTransaction t, LabelValue value, LabelSource source, Instant observedAt) {
        return new LabelRow(UUID.randomUUID().toString(), t.transactionId(), value, source, observedAt, observedAt,
                LabelRow.Channel.API);
    }
}
