package io.openfraud.governance.dsr.model;

import io.openfraud.events.gdpr.GdprCommand;

/** The rights a data subject exercises, with their RGPD article and the gdpr.commands action they need, if any. */
public enum DsrType {
    /** Art. 15; CCPA right to know. */
    ACCESS("Art. 15", "KNOW", null),
    /** Art. 16; CCPA right to correct. */
    RECTIFICATION("Art. 16", "CORRECT", null),
    /** Art. 17; CCPA right to delete. */
    ERASURE("Art. 17", "DELETE", GdprCommand.Action.ERASE),
    /** Art. 18 (no CCPA equivalent: treated as opt-out of sale/sharing and profiling). */
    RESTRICTION("Art. 18", "OPT_OUT", GdprCommand.Action.RESTRICT),
    /** Art. 20; CCPA right to know (portable copy). */
    PORTABILITY("Art. 20", "KNOW", null),
    /** Art. 21; CCPA right to opt out. */
    OBJECTION("Art. 21", "OPT_OUT", GdprCommand.Action.OBJECT),
    /** Art. 22; CCPA ADMT opt-out / access (human review of an automated decision). */
    HUMAN_REVIEW("Art. 22", "OPT_OUT", null);

    private final String article;
    private final String ccpaRight;
    private final GdprCommand.Action command;

    DsrType(String article, String ccpaRight, GdprCommand.Action command) {
        this.article = article;
        this.ccpaRight = ccpaRight;
        this.command = command;
    }

    /** The RGPD article. */
    public String article() {
        return article;
    }

    /** The CCPA right this maps to for jurisdiction CA: KNOW, DELETE, CORRECT or OPT_OUT. */
    public String ccpaRight() {
        return ccpaRight;
    }

    /** The command every service carries out, or null when the right needs none (REST fan-out or a human). */
    public GdprCommand.Action command() {
        return command;
    }
}
