package io.openfraud.fraudctl.models;

import io.openfraud.formats.TransactionIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Two demographic columns of a Sparkov file, read straight from the file for fairness metrics: {@code gender} (which
 * masking drops, so the model never sees it) and the age band at the transaction date (from {@code dob}), by
 * transaction id. Read by {@code fraudctl evaluate} only; they leave it only as the groups' aggregate metrics.
 */
final class SparkovAttributes {

    static final String GENDER = "gender";
    static final String AGE_BAND = "age_band";

    private SparkovAttributes() {
    }

    /** Attribute name to (transaction id to group); rows that lack a column are left out of that attribute. */
    static Map<String, Map<String, String>> read(Path file) throws IOException {
        Map<String, String> gender = new HashMap<>();
        Map<String, String> age = new HashMap<>();
        CSVFormat csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).setTrim(true).get();
        try (InputStream in = OfflineEvaluation.open(file);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (CSVRecord record : csv.parse(reader)) {
                if (!record.isSet("trans_num")) {
                    continue;
                }
                // the transaction id as the Sparkov reader makes it (card-number-like digit runs split)
                String id = TransactionIds.withoutCardLikeRuns(record.get("trans_num"));
                if (record.isSet(GENDER) && !record.get(GENDER).isEmpty()) {
                    gender.put(id, record.get(GENDER));
                }
                if (record.isSet("dob") && record.isSet("trans_date_trans_time")) {
                    try {
                        LocalDate dob = LocalDate.parse(record.get("dob"));
                        LocalDate day = LocalDate.parse(record.get("trans_date_trans_time").substring(0, 10));
                        age.put(id, ageBand(Period.between(dob, day).getYears()));
                    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                        // no band for this row
                    }
                }
            }
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        out.put(GENDER, gender);
        out.put(AGE_BAND, age);
        return out;
    }

    /** {@code <30}, {@code 30-44}, {@code 45-59}, {@code 60+}. */
    static String ageBand(int years) {
        if (years < 30) {
            return "<30";
        }
        if (years < 45) {
            return "30-44";
        }
        return years < 60 ? "45-59" : "60+";
    }
}
