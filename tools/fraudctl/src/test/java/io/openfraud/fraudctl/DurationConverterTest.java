package io.openfraud.fraudctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsShortAndIsoDurations() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationConverter.parse("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationConverter.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void rejectsNonsenseAndNonPositiveDurations() {
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("use 90s, 15m, 1h, 7d or PT1H");
        assertThatThrownBy(() -> DurationConverter.parse("0s")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> DurationConverter.parse("-PT1H")).hasMessageContaining("must be positive");
    }
}
