package io.openfraud.fraudctl.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.function.Function;

/** Prints a finished training run ({@code GET /api/v1/training-runs/{id}}) for a person. */
final class TrainingRunReport {

    private TrainingRunReport() {
    }

    static void print(PrintWriter out, JsonNode run, URI reportPage) {
        long id = run.path("id").asLong();
        String status = run.path("status").asText();
        if (!"SUCCEEDED".equals(status)) {
            out.printf("Training run %d %s: %s%n", id, status, run.path("error").asText("(no error given)"));
            out.flush();
            return;
        }
        JsonNode report = run.path("report");
        JsonNode gate = run.path("gate");
        out.printf("Training run %d SUCCEEDED: version %s registered as %s%n", id, run.path("modelVersion").asText(),
                gate.path("decision").asText("?"));
        if (gate.hasNonNull("reason")) {
            out.println("  gate: " + gate.get("reason").asText());
        }
        out.printf(Locale.ROOT, "Window %s .. %s: %d exported transactions, %d rows, %d labelled, %d frauds; "
                + "feature set %s%n", run.path("windowStart").asText(), run.path("windowEnd").asText(),
                report.path("exportedTransactions").asLong(), report.path("rowCount").asLong(),
                report.path("labelCount").asLong(), report.path("fraudLabelCount").asLong(),
                report.path("featureSetVersion").asText());
        window(out, "train", report.path("trainWindow"));
        window(out, "validation", report.path("validationWindow"));
        window(out, "test", report.path("testWindow"));
        out.printf(Locale.ROOT, "Epochs %d (best %d)%n", report.path("epochs").asInt(),
                report.path("bestEpoch").asInt());
        JsonNode model = report.path("model");
        JsonNode rules = report.path("rules");
        out.printf(Locale.ROOT, "%nTest slice                    %-22s %-22s%n", "model", "rules fallback");
        row(out, "PR-AUC", model, rules, e -> num(e, "prAuc"));
        row(out, "ROC-AUC", model, rules, e -> num(e, "rocAuc"));
        row(out, "recall at 1% FPR", model, rules, e -> num(e, "recallAt1PctFpr"));
        row(out, "precision at " + model.path("k").asInt(), model, rules, e -> num(e, "precisionAtK"));
        row(out, "Brier", model, rules, e -> num(e, "brier"));
        row(out, "decline threshold", model, rules, e -> num(e.path("confusion"), "threshold"));
        row(out, "TP / FP", model, rules, e -> e.path("confusion").path("truePositives").asLong() + " / "
                + e.path("confusion").path("falsePositives").asLong());
        row(out, "TN / FN", model, rules, e -> e.path("confusion").path("trueNegatives").asLong() + " / "
                + e.path("confusion").path("falseNegatives").asLong());
        if (report.hasNonNull("championVersion")) {
            JsonNode champion = report.path("championMetrics");
            JsonNode metrics = report.path("metrics");
            out.printf(Locale.ROOT, "Champion %s on the same slice: PR-AUC %s, recall at target FPR %s (candidate %s, "
                    + "%s)%n", report.get("championVersion").asText(), num(champion, "prAuc"),
                    num(champion, "recallAtTargetFpr"), num(metrics, "prAuc"), num(metrics, "recallAtTargetFpr"));
        } else if (report.hasNonNull("champion")) {
            out.println("Champion: " + report.get("champion").asText());
        }
        out.println("Report page: " + reportPage);
        out.flush();
    }

    private static void window(PrintWriter out, String name, JsonNode w) {
        if (w.isMissingNode() || w.isNull()) {
            return;
        }
        String from = instant(w.has("from") ? w.path("from") : w.path("start"));
        String to = instant(w.has("to") ? w.path("to") : w.path("end"));
        out.printf(Locale.ROOT, "  %-10s %s .. %s%s%n", name, from, to, w.has("rows")
                ? String.format(Locale.ROOT, "  %d rows, %d frauds", w.path("rows").asLong(), w.path("frauds").asLong())
                : "");
    }

    /** An instant as ISO-8601, whether the service wrote it as text or as epoch seconds with a fraction. */
    static String instant(JsonNode node) {
        if (node.isNumber()) {
            java.math.BigDecimal seconds = node.decimalValue();
            long whole = seconds.longValue();
            long nanos = seconds.subtract(java.math.BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return java.time.Instant.ofEpochSecond(whole, nanos).toString();
        }
        return node.asText("");
    }

    private static void row(PrintWriter out, String name, JsonNode model, JsonNode rules,
            Function<JsonNode, String> value) {
        out.printf(Locale.ROOT, "  %-26s %-22s %-22s%n", name, value.apply(model), value.apply(rules));
    }

    private static String num(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? TrainCommand.f(v.asDouble()) : "-";
    }
}
