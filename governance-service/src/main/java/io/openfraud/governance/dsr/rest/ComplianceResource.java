package io.openfraud.governance.dsr.rest;

import io.openfraud.governance.dsr.service.ComplianceReport;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The monthly compliance self-report for the DPO. */
@Path("/api/v1/reports/compliance")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    private final ComplianceReport reports;

    ComplianceResource(ComplianceReport reports) {
        this.reports = reports;
    }

    @GET
    @RolesAllowed(Roles.DPO)
    @Operation(summary = "Monthly compliance self-report", description = "month=YYYY-MM (default: this month): "
            + "requests received by type and status, closed and closed within their deadline, open past their "
            + "deadline, and a fresh verification of the audit chain.")
    public Map<String, Object> report(@QueryParam("month") String month) {
        YearMonth which;
        try {
            which = month == null ? YearMonth.now(java.time.ZoneOffset.UTC) : YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("month is YYYY-MM.", List.of(new Problem.FieldError("month",
                    "YYYY-MM", "report.month")));
        }
        return reports.of(which);
    }
}
