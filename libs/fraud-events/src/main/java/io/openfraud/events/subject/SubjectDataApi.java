package io.openfraud.events.subject;

/**
 * The subject-data interface every service implements for governance (RGPD Art. 15, 17, 20). Only callers with
 * the {@link #ROLE} role may use it.
 *
 * <ul>
 *   <li>{@code GET /internal/v1/subjects/{pseudonym}}: a {@link SubjectDataReport} of what this service holds;</li>
 *   <li>{@code DELETE /internal/v1/subjects/{pseudonym}}: erase, answering with an {@link ErasureReport}.</li>
 * </ul>
 */
public final class SubjectDataApi {

    /** Path of the resource, relative to the service root. */
    public static final String PATH = "/internal/v1/subjects/{pseudonym}";

    /** Name of the path parameter. */
    public static final String PSEUDONYM_PARAM = "pseudonym";

    /** The only role allowed to call it. */
    public static final String ROLE = "service";

    private SubjectDataApi() {
    }
}
