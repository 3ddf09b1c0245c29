package io.openfraud.formats.sparkov;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openfraud.formats.FileFormat;
import io.openfraud.formats.Rows;

/**
 * Whatever the bytes, the SPARKOV reader yields parsed or malformed rows, numbered 1, 2, 3..., and throws nothing.
 * In a normal build this runs the seeds under {@code src/test/resources/.../SparkovReaderFuzzTestInputs/readsAnything/}
 * (plus an empty input) as regression tests; see the README for fuzzing for real.
 */
class SparkovReaderFuzzTest {

    @FuzzTest
    void readsAnything(FuzzedDataProvider data) {
        Rows.readAnything(FileFormat.SPARKOV, data.consumeRemainingAsBytes());
    }
}
