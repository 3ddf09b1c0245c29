package io.openfraud.retraining.drift.rest;

import io.openfraud.retraining.drift.core.DriftReport;
import io.openfraud.retraining.drift.core.DriftReport.Bin;
import io.openfraud.retraining.drift.service.MonitoringReport;
import io.openfraud.retraining.performance.VersionPerformance;
import io.openfraud.retraining.trigger.TriggerDecision;
import java.util.List;
import java.util.Locale;

/**
 * The monitoring report as one accessible HTML page: {@code lang} set, a status in words (never colour alone), one
 * inline SVG chart per feature with reference and production told apart by fill pattern and a text legend, and the
 * table of the chart's data right after it. No script, no external resource.
 */
final class ReportPage {

    private static final int W = 560;
    private static final int H = 160;

    private ReportPage() {
    }

    static String render(MonitoringReport report) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>OpenFraud monitoring report</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;")
                .append("color:#111;background:#fff}table{border-collapse:collapse;margin:.5rem 0 1.5rem}")
                .append("th,td{border:1px solid #666;padding:.2rem .5rem;text-align:right}th{background:#eee}")
                .append("td:first-child,th:first-child{text-align:left}.status{font-weight:bold}")
                .append("section{border-top:1px solid #999;margin-top:1rem}</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>OpenFraud monitoring report</h1>\n<p>Generated at ")
                .append(esc(String.valueOf(report.generatedAt()))).append(". Drift status: <span class=\"status\">")
                .append(esc(report.driftStatus())).append("</span>.</p>\n");
        DriftReport d = report.drift();
        if (d != null) {
            summary(h, d);
        } else {
            h.append("<p>No drift report: ").append("no-reference".equals(report.driftStatus())
                    ? "no reference profile is set yet." : "no production vectors were counted yet.").append("</p>\n");
        }
        performance(h, report.performance());
        decisions(h, report.decisions());
        if (d != null) {
            h.append("<h2>Prediction drift</h2>\n");
            h.append("<p>Baseline: ").append(esc(d.prediction().baseline())).append("; PSI ")
                    .append(num(d.prediction().psi())).append("; status: <span class=\"status\">")
                    .append(d.prediction().drifted() ? "DRIFTED" : "not drifted").append("</span>; ")
                    .append(d.prediction().scores()).append(" scores.</p>\n");
            chart(h, "scores", "Score distribution: baseline and window", d.prediction().bins());
            h.append("<h2>Features</h2>\n");
            int i = 0;
            for (DriftReport.FeatureDrift f : d.features()) {
                h.append("<section aria-labelledby=\"f").append(i).append("\">\n<h3 id=\"f").append(i).append("\">")
                        .append(esc(f.name())).append(" (").append(f.kind().name().toLowerCase(Locale.ROOT))
                        .append("): <span class=\"status\">")
                        .append(!f.compared() ? "not compared (too little data)" : f.drifted() ? "DRIFTED" : "stable")
                        .append("</span></h3>\n<p>PSI ").append(num(f.psi()));
                if (f.wasserstein() != null) {
                    h.append(", Wasserstein-1 ").append(num(f.wasserstein())).append(" (normed ")
                            .append(num(f.normedWasserstein())).append(')');
                }
                if (f.jensenShannon() != null) {
                    h.append(", Jensen-Shannon distance ").append(num(f.jensenShannon()));
                }
                h.append(".</p>\n");
                chart(h, "c" + i, "Distribution of " + f.name() + ": reference and production", f.bins());
                h.append("</section>\n");
                i++;
            }
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, DriftReport d) {
        h.append("<h2>Summary</h2>\n<table>\n<caption>Dataset drift</caption>\n<tbody>\n")
                .append(row("Window", esc(d.windowFrom() + " to " + d.windowTo())))
                .append(row("Reference", esc(d.referenceSource() + (d.referenceModelVersion() == null ? ""
                        : " (model " + d.referenceModelVersion() + ")") + ", " + d.referenceRows() + " rows, "
                        + d.featureSetVersion())))
                .append(row("Production vectors", Long.toString(d.productionRows())))
                .append(row("Drift method", esc(d.settings().method() + " (PSI threshold "
                        + num(d.settings().psiThreshold()) + ", dataset share " + num(d.settings().datasetDriftShare())
                        + ")")))
                .append(row("Drifted features", d.dataset().driftedFeatures() + " of " + d.dataset().comparedFeatures()
                        + " compared (share " + num(d.dataset().share()) + ")"))
                .append(row("Dataset drift", "<span class=\"status\">" + (d.dataset().drifted() ? "DRIFTED"
                        : "not drifted") + "</span>"))
                .append("</tbody>\n</table>\n");
    }

    private static void performance(StringBuilder h, List<VersionPerformance> performances) {
        h.append("<h2>Performance on matured labels</h2>\n");
        if (performances.isEmpty()) {
            h.append("<p>No matured verdicts yet.</p>\n");
            return;
        }
        h.append("<table>\n<caption>Rolling metrics per model version against the registered ones</caption>\n<thead>")
                .append("<tr><th scope=\"col\">Model version</th><th scope=\"col\">Verdicts</th>")
                .append("<th scope=\"col\">Frauds</th><th scope=\"col\">Precision</th><th scope=\"col\">Recall</th>")
                .append("<th scope=\"col\">PR-AUC</th><th scope=\"col\">Registered PR-AUC</th>")
                .append("<th scope=\"col\">Drop</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
        for (VersionPerformance p : performances) {
            h.append("<tr><td>").append(esc(p.modelVersion())).append("</td><td>").append(p.verdicts())
                    .append("</td><td>").append(p.positives()).append("</td><td>").append(num(p.precision()))
                    .append("</td><td>").append(num(p.recall())).append("</td><td>").append(num(p.prAuc()))
                    .append("</td><td>").append(num(p.registeredPrAuc())).append("</td><td>")
                    .append(num(p.prAucDrop())).append("</td><td>").append(p.decayed() ? "DECAYED"
                            : p.enoughPositives() ? "ok" : "too few frauds to judge").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void decisions(StringBuilder h, List<TriggerDecision> decisions) {
        h.append("<h2>Retraining trigger</h2>\n");
        if (decisions.isEmpty()) {
            h.append("<p>Nothing in this check called for retraining.</p>\n");
            return;
        }
        h.append("<ul>\n");
        for (TriggerDecision t : decisions) {
            h.append("<li><span class=\"status\">").append(t.outcome()).append("</span> (").append(t.kind())
                    .append("): ").append(esc(t.reason())).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    /** Paired bars per bin: reference solid dark, production hatched; the table after it holds the same numbers. */
    private static void chart(StringBuilder h, String id, String title, List<Bin> bins) {
        double max = 1e-9;
        for (Bin b : bins) {
            max = Math.max(max, Math.max(b.referenceShare(), b.productionShare()));
        }
        int n = Math.max(1, bins.size());
        double slot = (double) (W - 40) / n;
        double bar = Math.max(1, slot / 2 - 2);
        h.append("<figure>\n<svg width=\"").append(W).append("\" height=\"").append(H + 20)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H + 20)
                .append("\" role=\"img\" aria-labelledby=\"t-").append(id).append("\">\n<title id=\"t-").append(id)
                .append("\">").append(esc(title)).append(" (share per bin; the table below has the values)</title>\n")
                .append("<defs><pattern id=\"hatch-").append(id)
                .append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" ")
                .append("stroke=\"#b35806\" stroke-width=\"3\"/></pattern></defs>\n")
                .append("<line x1=\"30\" y1=\"").append(H).append("\" x2=\"").append(W - 5).append("\" y2=\"")
                .append(H).append("\" stroke=\"#000\"/>\n");
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            double x = 30 + i * slot;
            double rh = b.referenceShare() / max * (H - 10);
            double ph = b.productionShare() / max * (H - 10);
            h.append("<rect x=\"").append(f(x + 1)).append("\" y=\"").append(f(H - rh)).append("\" width=\"")
                    .append(f(bar)).append("\" height=\"").append(f(rh)).append("\" fill=\"#2b3a67\"/>")
                    .append("<rect x=\"").append(f(x + 1 + bar)).append("\" y=\"").append(f(H - ph))
                    .append("\" width=\"").append(f(bar)).append("\" height=\"").append(f(ph)).append("\" fill=\"url(#hatch-")
                    .append(id).append(")\" stroke=\"#b35806\"/>\n");
        }
        h.append("<text x=\"30\" y=\"").append(H + 15).append("\" font-size=\"12\">Solid: reference. Hatched: ")
                .append("production.</text>\n</svg>\n<figcaption>").append(esc(title))
                .append(". Solid bars: reference; hatched bars: production.</figcaption>\n</figure>\n");
        h.append("<table>\n<caption>Data of the chart: ").append(esc(title)).append("</caption>\n<thead><tr>")
                .append("<th scope=\"col\">Bin</th><th scope=\"col\">Reference count</th>")
                .append("<th scope=\"col\">Reference share</th><th scope=\"col\">Production count</th>")
                .append("<th scope=\"col\">Production share</th></tr></thead>\n<tbody>\n");
        for (Bin b : bins) {
            h.append("<tr><th scope=\"row\">").append(esc(b.label())).append("</th><td>").append(b.referenceCount())
                    .append("</td><td>").append(num(b.referenceShare())).append("</td><td>")
                    .append(b.productionCount()).append("</td><td>").append(num(b.productionShare()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static String row(String name, String valueHtml) {
        return "<tr><th scope=\"row\">" + esc(name) + "</th><td>" + valueHtml + "</td></tr>\n";
    }

    private static String num(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
