package io.openfraud.ingestion.intake.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.openfraud.events.transaction.IntakeChannel;
import io.openfraud.events.transaction.RejectedTransaction.RuleViolation;
import io.openfraud.ingestion.intake.service.BulkIntake;
import io.openfraud.ingestion.intake.service.Source;
import io.openfraud.web.problem.Problem;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Many transactions in one request: a JSON array or NDJSON; a result per item, one bad item never fails the rest. */
@Path("/api/v1/transactions/batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    static final String NDJSON = "application/x-ndjson";

    private final BulkIntake bulk;
    private final ObjectReader reader;
    /** Items of an array are read in place: what follows each one belongs to the array. */
    private final ObjectReader itemReader;
    private final int maxItems;

    BatchResource(BulkIntake bulk, ObjectMapper mapper,
            @ConfigProperty(name = "openfraud.intake.batch.max-items", defaultValue = "10000") int maxItems) {
        this.bulk = bulk;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.itemReader = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.maxItems = maxItems;
    }

    /** One item's line of the answer. */
    public record ItemResult(int index, String transactionId, BulkIntake.Status status, List<ItemError> errors) {
    }

    /** A failed rule of an item (WARN rules too, on accepted items). */
    public record ItemError(String rule, String severity, String field, String reason) {
    }

    /** The answer: the batch's id (its rows' lineage reference), counts and every item's result. */
    public record BatchResult(String batchId, int accepted, int duplicates, int rejected, List<ItemResult> results) {
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Submit a batch of transactions", description = "A JSON array or NDJSON (one transaction per "
            + "line), at most openfraud.intake.batch.max-items. Each item is checked, masked, stored and published "
            + "on its own: accepted, duplicate, or rejected with its rules (quarantined and published on "
            + "transactions.rejected). A line of NDJSON that is not JSON is a rejected item; a JSON array that does "
            + "not parse is a 400.")
    public BatchResult submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body)
            throws IOException {
        String batchId = "batch-" + UUID.randomUUID();
        List<BulkIntake.Item> items = contentType != null && contentType.startsWith(NDJSON)
                ? ndjson(body, batchId) : array(body, batchId);
        List<BulkIntake.Result> results = bulk.process(items, IntakeChannel.REST);
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        List<ItemResult> lines = new ArrayList<>(results.size());
        for (BulkIntake.Result r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
            lines.add(new ItemResult(r.index(), r.transactionId(), r.status(), r.violations().stream()
                    .map(BatchResource::error).toList()));
        }
        return new BatchResult(batchId, accepted, duplicates, rejected, lines);
    }

    private static ItemError error(RuleViolation v) {
        return new ItemError(v.ruleId(), v.severity().name(), v.field(), v.message());
    }

    private List<BulkIntake.Item> ndjson(InputStream body, String batchId) throws IOException {
        List<BulkIntake.Item> items = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            limit(items.size());
            Source source = new Source(Source.Kind.BATCH, batchId + ":" + items.size());
            try {
                items.add(new BulkIntake.Item(reader.readTree(line), null, source));
            } catch (IOException e) {
                items.add(new BulkIntake.Item(null, "line " + number + " is not one JSON document", source));
            }
        }
        return items;
    }

    private List<BulkIntake.Item> array(InputStream body, String batchId) {
        List<BulkIntake.Item> items = new ArrayList<>();
        try (JsonParser parser = itemReader.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notAnArray("the body is not a JSON array");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                limit(items.size());
                JsonNode item = itemReader.readTree(parser);
                items.add(new BulkIntake.Item(item, null, new Source(Source.Kind.BATCH, batchId + ":" + items.size())));
            }
            if (parser.nextToken() != null) {
                throw notAnArray("data after the array");
            }
        } catch (IOException e) {
            throw notAnArray("the JSON array does not parse (item " + items.size() + ")");
        }
        return items;
    }

    private void limit(int size) {
        if (size >= maxItems) {
            throw new ProblemException(413, "At most " + maxItems + " transactions per batch.");
        }
    }

    private static ProblemException notAnArray(String reason) {
        return ProblemException.badRequest("The batch is not a JSON array of transactions.",
                List.of(new Problem.FieldError("", reason)));
    }
}
