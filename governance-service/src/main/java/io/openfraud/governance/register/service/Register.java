package io.openfraud.governance.register.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeSet;

/**
 * The record of processing activities (Art. 30(1) a-g) and the catalogue of stored fields, as data
 * ({@code governance/ropa.json}, {@code governance/catalog.json}): reviewed like code, served as they are.
 */
@ApplicationScoped
public class Register {

    private final Map<String, Object> ropa;
    private final Map<String, Object> catalog;

    Register(ObjectMapper mapper) {
        this.ropa = read(mapper, "governance/ropa.json");
        this.catalog = read(mapper, "governance/catalog.json");
    }

    public Map<String, Object> ropa() {
        return ropa;
    }

    public Map<String, Object> catalog() {
        return catalog;
    }

    /**
     * The retention the catalogue gives {@code store} (for example {@code mongodb:governance.dsr_exports} or
     * {@code kafka:transactions.raw}) as an ISO-8601 period; empty when the store is not catalogued or its retention is
     * not a period (such as "until erasure"). The catalogue is the source of every purge and topic retention.
     */
    @SuppressWarnings("unchecked")
    public Optional<Period> retention(String store) {
        for (Map<String, Object> field : (List<Map<String, Object>>) catalog.get("fields")) {
            if (store.equals(field.get("store"))) {
                try {
                    return Optional.of(Period.parse(String.valueOf(field.get("retention"))));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Every recipient named in the record of processing (for access exports). */
    @SuppressWarnings("unchecked")
    public List<String> recipients() {
        TreeSet<String> all = new TreeSet<>();
        for (Map<String, Object> activity : (List<Map<String, Object>>) ropa.get("activities")) {
            all.addAll((List<String>) activity.get("recipients"));
        }
        return List.copyOf(all);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(ObjectMapper mapper, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return Map.copyOf(mapper.readValue(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
