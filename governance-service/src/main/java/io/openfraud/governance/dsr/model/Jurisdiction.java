package io.openfraud.governance.dsr.model;

import java.time.Instant;
import java.time.ZoneOffset;

/** The law a request is made under; it sets the deadline and how far it may be extended. */
public enum Jurisdiction {
    /** RGPD Art. 12(3): one month, extendable by two further months with reasons. */
    EU(1, 0, 2, 0),
    /** CCPA §1798.130 / 7 CCR §7021: 45 days, extendable once by 45 more days with notice. */
    CA(0, 45, 0, 45);

    private final int months;
    private final int days;
    private final int maxExtensionMonths;
    private final int maxExtensionDays;

    Jurisdiction(int months, int days, int maxExtensionMonths, int maxExtensionDays) {
        this.months = months;
        this.days = days;
        this.maxExtensionMonths = maxExtensionMonths;
        this.maxExtensionDays = maxExtensionDays;
    }

    /** The deadline of a request received at {@code receivedAt}, extended by {@code extension} units. */
    public Instant dueAt(Instant receivedAt, int extension) {
        var at = receivedAt.atZone(ZoneOffset.UTC);
        return this == EU ? at.plusMonths(months + extension).toInstant() : at.plusDays(days + extension).toInstant();
    }

    /** The unit of an extension: MONTHS (EU) or DAYS (CA). */
    public String extensionUnit() {
        return this == EU ? "MONTHS" : "DAYS";
    }

    /** The longest extension allowed, in {@link #extensionUnit()}. */
    public int maxExtension() {
        return this == EU ? maxExtensionMonths : maxExtensionDays;
    }
}
