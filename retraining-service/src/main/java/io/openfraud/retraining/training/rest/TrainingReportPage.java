package io.openfraud.retraining.training.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training run's report as one HTML page a person opens: a summary, the metrics of the model beside the rules
 * fallback's on the same test window (and the champion's where it was evaluated), the data windows, and the PR and
 * ROC curves as inline SVG with the table of every plotted point after each chart. Accessible and offline: {@code
 * lang} set, no script and no external resource, model and rules told apart by line pattern (solid, dashed) and by
 * text labels at the lines' ends and in the legend, never by colour alone. Every value from the run is escaped.
 */
final class TrainingReportPage {

    private static final int W = 600;
    private static final int H = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 130;
    private static final int TOP = 20;
    private static final int BOTTOM = 60;
    private static final String MODEL_STYLE = "stroke=\"#1b4f9c\" stroke-width=\"2.5\" fill=\"none\"";
    private static final String RULES_STYLE = "stroke=\"#b35806\" stroke-width=\"2.5\" fill=\"none\" "
            + "stroke-dasharray=\"8 5\"";

    private TrainingReportPage() {
    }

    /** One curve of the chart: its name, the report's points and the two coordinates drawn. */
    private record Series(String name, String style, List<Map<String, Object>> points, String x, String y) {
    }

    static String render(TrainingRunView run) {
        Map<String, Object> report = run.report() == null ? Map.of() : run.report();
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "Training run " + run.id();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>OpenFraud ")
                .append(esc(title)).append(" report</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;")
                .append("color:#111;background:#fff}table{border-collapse:collapse;margin:.5rem 0 1.5rem}")
                .append("th,td{border:1px solid #666;padding:.2rem .5rem;text-align:right}th{background:#eee}")
                .append("td:first-child,th:first-child{text-align:left}caption{text-align:left;font-weight:bold}")
                .append(".status{font-weight:bold}section{border-top:1px solid #999;margin-top:1rem}")
                .append("details{margin-bottom:1rem}</style>\n</head>\n<body>\n<main>\n<h1>OpenFraud ")
                .append(esc(title)).append("</h1>\n");
        summary(h, run, report);
        metrics(h, report);
        windows(h, report);
        Map<String, Object> curves = map(report.get("curves"));
        Map<String, Object> model = map(curves.get("model"));
        Map<String, Object> rules = map(curves.get("rules"));
        if (curves.isEmpty()) {
            h.append("<h2>Curves</h2>\n<p>This run's report has no curves (the run has not finished, failed, or its "
                    + "trainer does not report them).</p>\n");
        } else {
            h.append("<section aria-labelledby=\"pr-h\">\n<h2 id=\"pr-h\">Precision-recall curve</h2>\n")
                    .append("<p>Precision against recall on the test window as the flagging threshold falls, for the "
                            + "model and the rules fallback (at most ").append(esc(String.valueOf(
                                    curves.get("maxPoints")))).append(" points each).</p>\n");
            chart(h, "pr", "Precision-recall curve: model and rules fallback", "Recall", "Precision", false,
                    List.of(new Series("Model", MODEL_STYLE, list(model.get("pr")), "recall", "precision"),
                            new Series("Rules fallback", RULES_STYLE, list(rules.get("pr")), "recall",
                                    "precision")));
            h.append("</section>\n<section aria-labelledby=\"roc-h\">\n<h2 id=\"roc-h\">ROC curve</h2>\n")
                    .append("<p>True-positive rate (recall) against false-positive rate on the test window, for the "
                            + "model and the rules fallback; the dotted diagonal is a random scorer.</p>\n");
            chart(h, "roc", "ROC curve: model and rules fallback", "False-positive rate", "True-positive rate",
                    true, List.of(new Series("Model", MODEL_STYLE, list(model.get("roc")), "falsePositiveRate",
                            "truePositiveRate"), new Series("Rules fallback", RULES_STYLE, list(rules.get("roc")),
                                    "falsePositiveRate", "truePositiveRate")));
            h.append("</section>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, TrainingRunView run, Map<String, Object> report) {
        h.append("<h2>Summary</h2>\n<p>Status: <span class=\"status\">").append(esc(String.valueOf(run.status())))
                .append("</span>");
        if (run.modelVersion() != null) {
            h.append("; registered model version ").append(esc(run.modelVersion()));
        }
        if (run.gate() != null) {
            h.append("; promotion gate: <span class=\"status\">").append(esc(String.valueOf(run.gate().decision())))
                    .append("</span> (").append(esc(run.gate().reason())).append(')');
        }
        h.append(".</p>\n");
        Map<String, Object> modelEval = map(report.get("model"));
        Map<String, Object> rulesEval = map(report.get("rules"));
        if (!modelEval.isEmpty() && !rulesEval.isEmpty()) {
            h.append("<p>On the test window the model's PR-AUC is ").append(num(modelEval.get("prAuc")))
                    .append(" against the rules fallback's ").append(num(rulesEval.get("prAuc")))
                    .append("; recall at 1% false-positive rate ").append(num(modelEval.get("recallAt1PctFpr")))
                    .append(" against ").append(num(rulesEval.get("recallAt1PctFpr"))).append(".</p>\n");
        }
        if (run.error() != null) {
            h.append("<p>Error: ").append(esc(run.error())).append("</p>\n");
        }
        h.append("<table>\n<caption>Run</caption>\n<tbody>\n")
                .append(row("Trigger", esc(String.valueOf(run.trigger()))))
                .append(row("Requested by", esc(run.requestedBy())))
                .append(row("Data window", esc(run.windowStart() + " to " + run.windowEnd())))
                .append(row("Synthetic data", run.synthetic() ? "yes" : "no"))
                .append(row("Started", esc(String.valueOf(run.startedAt()))))
                .append(row("Finished", esc(String.valueOf(run.finishedAt()))));
        if (run.progress() != null) {
            h.append(row("Progress", num(run.progress().fraction()) + " (" + esc(run.progress().phase()) + ")"));
        }
        for (String key : List.of("rowCount", "labelCount", "fraudLabelCount", "exportedTransactions",
                "featureSetVersion", "epochs", "bestEpoch", "championVersion", "champion")) {
            if (report.containsKey(key)) {
                h.append(row(LABELS.getOrDefault(key, key), esc(String.valueOf(report.get(key)))));
            }
        }
        h.append("</tbody>\n</table>\n");
    }

    private static final Map<String, String> LABELS = Map.of("rowCount", "Training rows", "labelCount",
            "Labelled rows", "fraudLabelCount", "Rows labelled fraud", "exportedTransactions",
            "Exported transactions read", "featureSetVersion", "Feature set", "epochs", "Epochs run", "bestEpoch",
            "Best epoch", "championVersion", "Champion compared", "champion", "Champion evaluation");

    private static final List<String[]> EVALUATION = List.of(new String[] {"prAuc", "PR-AUC (average precision)"},
            new String[] {"rocAuc", "ROC-AUC"}, new String[] {"recallAt1PctFpr", "Recall at 1% false-positive rate"},
            new String[] {"precisionAtK", "Precision at k"}, new String[] {"k", "k"},
            new String[] {"brier", "Brier score (lower is better)"});
    private static final List<String[]> CONFUSION = List.of(new String[] {"threshold", "Decline threshold"},
            new String[] {"truePositives", "True positives"}, new String[] {"falsePositives", "False positives"},
            new String[] {"trueNegatives", "True negatives"}, new String[] {"falseNegatives", "False negatives"});

    private static void metrics(StringBuilder h, Map<String, Object> report) {
        Map<String, Object> model = map(report.get("model"));
        Map<String, Object> rules = map(report.get("rules"));
        if (!model.isEmpty() || !rules.isEmpty()) {
            h.append("<h2>Metrics on the test window</h2>\n<table>\n<caption>Model and rules fallback on the same "
                    + "test rows (confusion matrix at each one's decline threshold)</caption>\n<thead><tr>"
                    + "<th scope=\"col\">Metric</th><th scope=\"col\">Model</th><th scope=\"col\">Rules fallback</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (String[] m : EVALUATION) {
                h.append(metricRow(m[1], model.get(m[0]), rules.get(m[0])));
            }
            Map<String, Object> mc = map(model.get("confusion"));
            Map<String, Object> rc = map(rules.get("confusion"));
            for (String[] m : CONFUSION) {
                h.append(metricRow(m[1], mc.get(m[0]), rc.get(m[0])));
            }
            h.append("</tbody>\n</table>\n");
        }
        Map<String, Object> gate = map(report.get("metrics"));
        if (!gate.isEmpty()) {
            Map<String, Object> champion = map(report.get("championMetrics"));
            h.append("<h2>Promotion gate metrics</h2>\n<table>\n<caption>The candidate");
            if (!champion.isEmpty()) {
                h.append(" and champion ").append(esc(String.valueOf(report.get("championVersion"))))
                        .append(" on the same test slice");
            }
            h.append("</caption>\n<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Candidate</th>");
            if (!champion.isEmpty()) {
                h.append("<th scope=\"col\">Champion</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (Map.Entry<String, Object> e : new java.util.TreeMap<>(gate).entrySet()) {
                h.append("<tr><th scope=\"row\">").append(esc(e.getKey())).append("</th><td>").append(num(e.getValue()))
                        .append("</td>");
                if (!champion.isEmpty()) {
                    h.append("<td>").append(num(champion.get(e.getKey()))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
    }

    private static void windows(StringBuilder h, Map<String, Object> report) {
        StringBuilder rows = new StringBuilder();
        for (String[] w : List.of(new String[] {"trainWindow", "Training"},
                new String[] {"validationWindow", "Validation"}, new String[] {"testWindow", "Test"})) {
            Map<String, Object> window = map(report.get(w[0]));
            if (!window.isEmpty()) {
                Object from = window.containsKey("from") ? window.get("from") : window.get("start");
                Object to = window.containsKey("to") ? window.get("to") : window.get("end");
                rows.append("<tr><th scope=\"row\">").append(w[1]).append("</th><td>").append(esc(String.valueOf(from)))
                        .append("</td><td>").append(esc(String.valueOf(to))).append("</td><td>")
                        .append(esc(String.valueOf(window.getOrDefault("rows", "n/a")))).append("</td><td>")
                        .append(esc(String.valueOf(window.getOrDefault("frauds", "n/a")))).append("</td></tr>\n");
            }
        }
        if (rows.length() > 0) {
            h.append("<h2>Data windows</h2>\n<table>\n<caption>Time split of the training rows</caption>\n<thead><tr>")
                    .append("<th scope=\"col\">Slice</th><th scope=\"col\">From</th><th scope=\"col\">To</th>")
                    .append("<th scope=\"col\">Rows</th><th scope=\"col\">Frauds</th></tr></thead>\n<tbody>\n")
                    .append(rows).append("</tbody>\n</table>\n");
        }
    }

    private static void chart(StringBuilder h, String id, String title, String xName, String yName, boolean diagonal,
            List<Series> series) {
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        h.append("<figure>\n<svg width=\"").append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" role=\"img\" aria-labelledby=\"t-").append(id)
                .append("\">\n<title id=\"t-").append(id).append("\">").append(esc(title))
                .append(" (the table below has every point)</title>\n")
                .append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw)
                .append("\" height=\"").append(ph).append("\" fill=\"none\" stroke=\"#000\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double v = i / 4.0;
            h.append("<text x=\"").append(f(x(v))).append("\" y=\"").append(TOP + ph + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(f2(v)).append("</text>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y(v) + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\">").append(f2(v)).append("</text>\n");
        }
        h.append("<text x=\"").append(LEFT + pw / 2).append("\" y=\"").append(TOP + ph + 34)
                .append("\" font-size=\"12\" text-anchor=\"middle\">").append(esc(xName)).append("</text>\n")
                .append("<text x=\"14\" y=\"").append(TOP + ph / 2).append("\" font-size=\"12\" text-anchor=\"middle\"")
                .append(" transform=\"rotate(-90 14 ").append(TOP + ph / 2).append(")\">").append(esc(yName))
                .append("</text>\n");
        if (diagonal) {
            h.append("<line x1=\"").append(f(x(0))).append("\" y1=\"").append(f(y(0))).append("\" x2=\"")
                    .append(f(x(1))).append("\" y2=\"").append(f(y(1)))
                    .append("\" stroke=\"#777\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>\n");
        }
        int legendY = TOP + 10;
        int index = 0;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            double lastX = 0;
            double lastY = 0;
            for (Map<String, Object> p : s.points()) {
                lastX = x(d(p.get(s.x())));
                lastY = y(d(p.get(s.y())));
                pts.append(f(lastX)).append(',').append(f(lastY)).append(' ');
            }
            if (!s.points().isEmpty()) {
                h.append("<polyline ").append(s.style()).append(" points=\"").append(pts.toString().trim())
                        .append("\"><title>").append(esc(s.name())).append("</title></polyline>\n")
                        // direct label at the line's end, in the right margin
                        .append("<text x=\"").append(f(Math.min(lastX + 6, W - RIGHT + 6))).append("\" y=\"")
                        .append(f(Math.max(TOP + 12, lastY) + 14 * index)).append("\" font-size=\"12\">").append(esc(s.name()))
                        .append("</text>\n");
            }
            // legend: a sample of the line pattern and its name
            legendY += 18;
            h.append("<line x1=\"").append(W - RIGHT + 8).append("\" y1=\"").append(legendY + 40).append("\" x2=\"")
                    .append(W - RIGHT + 38).append("\" y2=\"").append(legendY + 40).append("\" ").append(s.style())
                    .append("/><text x=\"").append(W - RIGHT + 42).append("\" y=\"").append(legendY + 44)
                    .append("\" font-size=\"11\">").append(esc(s.name())).append("</text>\n");
            index++;
        }
        h.append("</svg>\n<figcaption>").append(esc(title)).append(". ");
        for (Series s : series) {
            h.append(esc(s.name())).append(": ").append(s.style().contains("dasharray") ? "dashed line" : "solid line")
                    .append(" (").append(s.points().size()).append(" points). ");
        }
        h.append("</figcaption>\n</figure>\n<table id=\"data-").append(id).append("\">\n<caption>Data of the chart: ")
                .append(esc(title)).append("</caption>\n<thead><tr><th scope=\"col\">Scorer</th>")
                .append("<th scope=\"col\">Threshold</th><th scope=\"col\">").append(esc(xName))
                .append("</th><th scope=\"col\">").append(esc(yName)).append("</th></tr></thead>\n<tbody>\n");
        for (Series s : series) {
            for (Map<String, Object> p : s.points()) {
                Object t = p.get("threshold");
                h.append("<tr><td>").append(esc(s.name())).append("</td><td>")
                        .append(t == null ? "none flagged" : num(t)).append("</td><td>").append(num(p.get(s.x())))
                        .append("</td><td>").append(num(p.get(s.y()))).append("</td></tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n");
    }

    private static double x(double v) {
        return LEFT + clamp(v) * (W - LEFT - RIGHT);
    }

    private static double y(double v) {
        return TOP + (1 - clamp(v)) * (H - TOP - BOTTOM);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static double d(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String metricRow(String name, Object model, Object rules) {
        return "<tr><th scope=\"row\">" + esc(name) + "</th><td>" + num(model) + "</td><td>" + num(rules)
                + "</td></tr>\n";
    }

    private static String row(String name, String valueHtml) {
        return "<tr><th scope=\"row\">" + esc(name) + "</th><td>" + valueHtml + "</td></tr>\n";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** A number to four decimals, an integer as is, anything else escaped; n/a when absent. */
    private static String num(Object v) {
        if (v == null) {
            return "n/a";
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        if (v instanceof Number n) {
            double value = n.doubleValue();
            return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
        }
        return esc(String.valueOf(v));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
