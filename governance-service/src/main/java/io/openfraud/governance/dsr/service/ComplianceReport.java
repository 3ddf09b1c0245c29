package io.openfraud.governance.dsr.service;

import io.openfraud.governance.audit.service.AuditChainMonitor;
import io.openfraud.governance.audit.service.ChainVerification;
import io.openfraud.governance.dsr.model.DsrRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly compliance self-report: requests received in the month by type and status, requests closed in the month
 * and how many within their deadline, requests open past their deadline now, and the state of the audit chain.
 */
@ApplicationScoped
public class ComplianceReport {

    private final DsrStore store;
    private final AuditChainMonitor chain;
    private final Clock clock;

    ComplianceReport(DsrStore store, AuditChainMonitor chain, Clock clock) {
        this.store = store;
        this.chain = chain;
        this.clock = clock;
    }

    public Map<String, Object> of(YearMonth month) {
        List<DsrRecord> all = store.all();
        Map<String, Map<String, Integer>> received = new TreeMap<>();
        int closed = 0;
        int closedInTime = 0;
        int overdueOpen = 0;
        for (DsrRecord r : all) {
            if (YearMonth.from(r.receivedAt().atZone(ZoneOffset.UTC)).equals(month)) {
                received.computeIfAbsent(r.type().name(), t -> new TreeMap<>()).merge(r.status().name(), 1,
                        Integer::sum);
            }
            if (r.completedAt() != null && YearMonth.from(r.completedAt().atZone(ZoneOffset.UTC)).equals(month)) {
                closed++;
                if (!r.completedAt().isAfter(r.dueAt())) {
                    closedInTime++;
                }
            }
            if (r.status().open() && clock.instant().isAfter(r.dueAt())) {
                overdueOpen++;
            }
        }
        ChainVerification verification = chain.verifyNow();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("month", month.toString());
        report.put("generatedAt", clock.instant().toString());
        report.put("receivedByTypeAndStatus", received);
        report.put("closed", closed);
        report.put("closedWithinDeadline", closedInTime);
        report.put("openPastDeadline", overdueOpen);
        report.put("auditChain", Map.of("valid", verification.valid(), "entries", verification.entries(),
                "verifiedAt", verification.verifiedAt().toString()));
        return report;
    }
}
