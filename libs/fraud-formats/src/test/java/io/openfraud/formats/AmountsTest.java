package io.openfraud.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountsTest {

    @ParameterizedTest
    @CsvSource({"12.5, 12.5", "-3, -3", "1.0E7, 1.0E+7", "+0.50, 0.50", ".5, 0.5",
            "99999999999999999999.999999999999999999, 99999999999999999999.999999999999999999"})
    void parsesDecimals(String text, String expected) {
        assertThat(Amounts.parse(text, "amt")).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource({"abc", "'1,5'", "NaN", "Infinity", "0x10", "1e", "''"})
    void rejectsWhatIsNotANumberWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> Amounts.parse(text, "amt"))
                .isInstanceOf(MalformedRowException.class)
                .hasMessage("amt: not a number");
    }

    @ParameterizedTest
    @CsvSource({"1e999999999", "1e21", "123456789012345678901", "0.0000000000000000001", "0E+30"})
    void rejectsNumbersTooLongToPrintSafely(String text) {
        assertThatThrownBy(() -> Amounts.parse(text, "amount")).hasMessage("amount: too many digits");
    }

    @Test
    void rejectsHugeTextBeforeParsingIt() {
        assertThatThrownBy(() -> Amounts.parse("1".repeat(1_000_000), "amount"))
                .hasMessage("amount: too many digits");
    }
}
