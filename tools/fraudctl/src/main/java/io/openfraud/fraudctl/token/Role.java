package io.openfraud.fraudctl.token;

import io.openfraud.events.subject.SubjectDataApi;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The roles the services know, as they appear in a token's {@code groups} claim. */
public enum Role {
    ADMIN("admin"),
    ANALYST("analyst"),
    REVIEWER("reviewer"),
    DPO("dpo"),
    SUBJECT("subject"),
    /** Service-to-service calls, e.g. governance calling the subject-data interface. */
    SERVICE(SubjectDataApi.ROLE);

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The value in the {@code groups} claim. */
    public String claim() {
        return claim;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Role::claim).collect(Collectors.joining(", "));
    }

    /** Parses a role name, case-insensitively, or fails listing the allowed ones. */
    public static Role of(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.claim.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown role '" + name + "'; allowed roles: " + allowed()));
    }

    /** picocli: an unknown role is a usage error (exit code 2) with the allowed roles in the message. */
    public static final class Converter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return of(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
