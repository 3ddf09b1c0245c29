package io.openfraud.governance.dsr.service;

import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.governance.audit.service.AuditTrail;
import io.openfraud.governance.dsr.client.SubjectDataClient;
import io.openfraud.governance.dsr.model.DsrRecord;
import io.openfraud.governance.dsr.model.DsrType;
import io.openfraud.governance.register.service.Register;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Builds the Art. 15 / Art. 20 document: each service's subject-data report (REST fan-out), the purposes, categories,
 * recipients, retention and sources, and each automated decision with its score, model version and reason codes.
 * For PORTABILITY only the data the subject provided ({@code provided=true}) is included.
 */
@ApplicationScoped
public class AccessExport {

    private static final Logger LOG = Logger.getLogger(AccessExport.class);

    private final SubjectDataClient client;
    private final AuditTrail audit;
    private final Register register;
    private final Clock clock;

    AccessExport(SubjectDataClient client, AuditTrail audit, Register register, Clock clock) {
        this.client = client;
        this.audit = audit;
        this.register = register;
        this.clock = clock;
    }

    /** The document, or the services that did not answer. */
    public record Result(Map<String, Object> document, List<String> services, List<String> failedServices) {
    }

    public Result build(DsrRecord request) {
        boolean portability = request.type() == DsrType.PORTABILITY;
        List<Map<String, Object>> sections = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        TreeSet<String> purposes = new TreeSet<>();
        TreeSet<String> categories = new TreeSet<>();
        TreeSet<String> sources = new TreeSet<>();
        Map<String, String> retention = new LinkedHashMap<>();
        for (String service : client.services()) {
            SubjectDataReport report;
            try {
                report = client.report(service, request.subjectPseudonym());
            } catch (RuntimeException e) {
                LOG.warnf("subject-data report from %s failed for request %s: %s", service, request.id(),
                        e.getClass().getSimpleName());
                failed.add(service);
                continue;
            }
            List<Map<String, Object>> records = new ArrayList<>();
            for (SubjectDataReport.SubjectRecord record : report.records()) {
                if (portability && !record.provided()) {
                    continue;
                }
                purposes.add(record.purpose());
                categories.add(record.category());
                sources.add(record.source());
                retention.put(record.category(), record.retention());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("store", record.store());
                row.put("category", record.category());
                row.put("purpose", record.purpose());
                row.put("legalBasis", record.legalBasis());
                row.put("retention", record.retention());
                row.put("source", record.source());
                row.put("provided", record.provided());
                row.put("data", record.data());
                records.add(row);
            }
            sections.add(Map.of("service", service, "records", records));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("requestId", request.id());
        document.put("type", request.type().name());
        document.put("subjectPseudonym", request.subjectPseudonym());
        document.put("generatedAt", clock.instant().toString());
        document.put("services", sections);
        document.put("purposes", List.copyOf(purposes));
        document.put("categories", List.copyOf(categories));
        document.put("recipients", register.recipients());
        document.put("retention", retention);
        document.put("sources", List.copyOf(sources));
        if (!portability) {
            document.put("automatedDecisions", audit.decisionsAbout(request.subjectPseudonym()));
        }
        return new Result(document, client.services(), List.copyOf(failed));
    }

    /** Portability as CSV: one row per provided field (service, store, category, record, field, value). */
    @SuppressWarnings("unchecked")
    public static String csv(Map<String, Object> document) {
        StringBuilder out = new StringBuilder("service,store,category,record,field,value\n");
        for (Map<String, Object> section : (List<Map<String, Object>>) document.get("services")) {
            for (Map<String, Object> record : (List<Map<String, Object>>) section.get("records")) {
                List<Map<String, Object>> data = (List<Map<String, Object>>) record.get("data");
                for (int i = 0; i < data.size(); i++) {
                    for (Map.Entry<String, Object> field : data.get(i).entrySet()) {
                        out.append(cell(section.get("service"))).append(',').append(cell(record.get("store")))
                                .append(',').append(cell(record.get("category"))).append(',').append(i + 1)
                                .append(',').append(cell(field.getKey())).append(',').append(cell(field.getValue()))
                                .append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        // RFC 4180 quoting, and a leading quote against spreadsheet formula injection.
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("'")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
