package io.openfraud.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatOptionsTest {

    @Test
    void defaults() {
        FormatOptions options = FormatOptions.defaults();

        assertThat(options.paySimStart()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(options.paySimCurrency()).isEqualTo("USD");
        assertThat(options.sparkovCurrency()).isEqualTo("USD");
        assertThat(options.sparkovZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(options.sourceName()).isEmpty();
    }

    @Test
    void withersChangeOneOptionEach() {
        FormatOptions options = FormatOptions.defaults()
                .withPaySimStart(Instant.EPOCH)
                .withPaySimCurrency("EUR")
                .withSparkovCurrency("GBP")
                .withSparkovZone(ZoneId.of("Europe/Paris"))
                .withSourceName("a.csv");

        assertThat(options).isEqualTo(new FormatOptions(Instant.EPOCH, "EUR", "GBP", ZoneId.of("Europe/Paris"),
                java.util.Optional.of("a.csv")));
    }

    @Test
    void currenciesAreThreeCapitalLetters() {
        assertThatThrownBy(() -> FormatOptions.defaults().withPaySimCurrency("usd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paySimCurrency");
        assertThatThrownBy(() -> FormatOptions.defaults().withSparkovCurrency("US$"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
