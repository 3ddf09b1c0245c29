package io.openfraud.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class KeyMaterialCheckTest {

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }

    @Test
    void withoutATokenVerificationKeyProductionRefusesToStart() {
        assertThat(KeyMaterialCheck.missing(config(Map.of())))
                .containsExactly("mp.jwt.verify.publickey or mp.jwt.verify.publickey.location");
    }

    @Test
    void aServiceListsTheOtherKeysItCannotRunWithout() {
        Map<String, String> properties = Map.of(
                "mp.jwt.verify.publickey.location", "/secrets/jwt-public.pem",
                "openfraud.security.required-keys", "openfraud.masking.pan-key,openfraud.masking.pseudonym-key",
                "openfraud.masking.pan-key", "c2VjcmV0");
        assertThat(KeyMaterialCheck.missing(config(properties))).containsExactly("openfraud.masking.pseudonym-key");
    }

    @Test
    void withEveryKeyConfiguredNothingIsMissing() {
        assertThat(KeyMaterialCheck.missing(config(Map.of("mp.jwt.verify.publickey", "MIIB...")))).isEmpty();
    }
}
