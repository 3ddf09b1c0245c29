package io.openfraud.ingestion.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openfraud.events.EventJson;
import io.openfraud.masking.CardTokenizer;
import io.openfraud.masking.Pseudonymizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordMaskerTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static ObjectNode mask(String json) throws Exception {
        ObjectNode record = (ObjectNode) EventJson.newMapper().readTree(json);
        RecordMasker.mask(record, new CardTokenizer(KEY), new Pseudonymizer(KEY));
        return record;
    }

    @Test
    void masksCardPartiesPersonDeviceAndStrayDigitRunsButKeepsTheTransactionId() throws Exception {
        ObjectNode masked = mask("""
                {"transactionId":"t-1234-5678-9012-aa","amount":12.5,"note":"call 4111 1111 1111 1111 now",
                 "customer":{"id":"alice","person":{"firstName":"Ada","dateOfBirth":"1990-12-10"}},
                 "counterparty":{"id":"bob","name":"Bob Smith"},"device":{"id":"dev-9","ip":"192.0.2.1"},
                 "card":{"pan":"4111111111111111","cvv":"987","expiry":"12/29"},"extra":[4111111111111111, "x"]}""");

        String text = masked.toString();
        assertThat(masked.get("transactionId").asText()).isEqualTo("t-1234-5678-9012-aa");
        assertThat(text).doesNotContain("4111111111111111", "4111 1111", "987", "12/29", "alice", "Ada", "1990",
                "Bob Smith", "dev-9", "192.0.2.1");
        assertThat(masked.at("/card/last4").asText()).isEqualTo("1111");
        assertThat(masked.at("/card/token").asText()).startsWith("tok_");
        assertThat(masked.at("/customer/id").asText()).startsWith("cus_");
        assertThat(masked.at("/customer/person").asText()).isEqualTo(RecordMasker.WITHHELD);
        assertThat(masked.at("/device/ip").asText()).startsWith("ip_");
        assertThat(masked.at("/note").asText()).isEqualTo("call [masked] now");
        assertThat(masked.at("/extra/0").asText()).isEqualTo(RecordMasker.MASKED);
    }

    @Test
    void aCardShapedTransactionIdIsMaskedToo() throws Exception {
        assertThat(mask("{\"transactionId\":\"4111-1111-1111-1111\"}").get("transactionId").asText())
                .isEqualTo(RecordMasker.MASKED);
        assertThat(mask("{\"card\":{\"pan\":\"12ab\"}}").at("/card/pan").asText()).isEqualTo(RecordMasker.MASKED);
    }
}
