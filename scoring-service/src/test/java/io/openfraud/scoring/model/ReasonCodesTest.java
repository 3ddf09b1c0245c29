package io.openfraud.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.features.FeatureSet;
import org.junit.jupiter.api.Test;

/** Every feature of the served feature set has a reason code an analyst can read, and the table is sane. */
class ReasonCodesTest {

    @Test
    void everyFeatureOfTheFeatureSetHasACode() {
        assertThat(FeatureSet.names()).isNotEmpty()
                .allSatisfy(name -> assertThat(ReasonCodes.of(name)).as(name).isNotEqualTo(ReasonCodes.OTHER));
    }

    @Test
    void specificRowsWinOverGeneralOnes() {
        assertThat(ReasonCodes.of("history_missing")).isEqualTo("NO_HISTORY");
        assertThat(ReasonCodes.of("device_missing")).isEqualTo("DATA_MISSING");
        assertThat(ReasonCodes.of("customer_amount_zscore")).isEqualTo("AMOUNT_HIGH_FOR_CUSTOMER");
        assertThat(ReasonCodes.of("amount_log")).isEqualTo("AMOUNT_HIGH");
        assertThat(ReasonCodes.of("card_seconds_since_previous")).isEqualTo("RAPID_REPEAT");
        assertThat(ReasonCodes.of("customer_count_1h")).isEqualTo("VELOCITY");
        assertThat(ReasonCodes.of("not_a_feature")).isEqualTo(ReasonCodes.OTHER);
        assertThat(ReasonCodes.table()).extracting(ReasonCodes.Row::code).doesNotHaveDuplicates();
    }
}
