package io.openfraud.ingestion.subject.rest;

import io.openfraud.events.subject.ErasureReport;
import io.openfraud.events.subject.SubjectDataApi;
import io.openfraud.events.subject.SubjectDataReport;
import io.openfraud.ingestion.subject.service.SubjectDataService;
import io.openfraud.ingestion.subject.service.SubjectLookup;
import io.openfraud.web.problem.Problem.FieldError;
import io.openfraud.web.problem.ProblemException;
import io.openfraud.web.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The subject-data interface for governance ({@link SubjectDataApi}), and a look-up of subjects by e-mail, customer id
 * or card token.
 */
@Path("/internal/v1/subjects")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectResource {

    /** As the {@code pseudonym} definition of common.schema.json. */
    private static final Pattern PSEUDONYM = Pattern.compile("^(?![0-9 -]*$)[A-Za-z0-9_.:=+/-]{8,128}$");
    private static final int MAX_EMAIL = 320;
    private static final int MAX_CUSTOMER_ID = 256;
    /** A card token as {@code CardTokenizer} writes it; a card number is refused, never looked up. */
    private static final Pattern CARD_TOKEN = Pattern.compile("^tok_[A-Za-z0-9_-]{8,120}$");

    private final SubjectDataService subjects;
    private final SubjectLookup lookup;

    SubjectResource(SubjectDataService subjects, SubjectLookup lookup) {
        this.subjects = subjects;
        this.lookup = lookup;
    }

    /**
     * Body of the look-up: an e-mail address, a client customer identifier or a card token ({@code tok_...}, never a
     * card number), exactly one (in the body, so it stays out of URLs and access logs).
     */
    public record SubjectQuery(String email, String customerId, String cardToken) {
    }

    /** Answer of the look-up. */
    public record Subjects(List<String> subjectPseudonyms) {
    }

    @GET
    @Path("/{" + SubjectDataApi.PSEUDONYM_PARAM + "}")
    @RolesAllowed(SubjectDataApi.ROLE)
    @Operation(summary = "What ingestion holds about a data subject", description = "subject-data-report-v1: the "
            + "subject's transactions (masked) with decisions and reviews, their personal data decrypted from the "
            + "vault, and masked data-quality examples. `records` is empty when nothing is held.")
    public SubjectDataReport get(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.report(checked(pseudonym));
    }

    @DELETE
    @Path("/{" + SubjectDataApi.PSEUDONYM_PARAM + "}")
    @RolesAllowed(SubjectDataApi.ROLE)
    @Operation(summary = "Erase a data subject", description = "erasure-report-v1: destroys the subject's vault key "
            + "and personal data (crypto-shredding), keeps their transactions pseudonymised for the AML retention "
            + "(legal basis and delete-after date per row). Idempotent: a repeat reports the same stores with 0 records.")
    public ErasureReport delete(@PathParam(SubjectDataApi.PSEUDONYM_PARAM) String pseudonym) {
        return subjects.erase(checked(pseudonym));
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(SubjectDataApi.ROLE)
    @Operation(summary = "Find data subjects by e-mail, customer id or card token", description = "`{\"email\": "
            + "...}` through the vault's keyed blind index of normalised e-mail addresses (trimmed, lower case), "
            + "`{\"customerId\": ...}` through the identifier's pseudonym under every configured masking key (both "
            + "work across key rotations), or `{\"cardToken\": \"tok_...\"}`: the customer pseudonyms of the "
            + "transactions paid with that card. None of the values is stored nor logged.")
    public Subjects search(SubjectQuery query) {
        boolean byEmail = query != null && query.email() != null && !query.email().isBlank();
        boolean byCustomer = query != null && query.customerId() != null && !query.customerId().isBlank();
        boolean byCard = query != null && query.cardToken() != null && !query.cardToken().isBlank();
        if ((byEmail ? 1 : 0) + (byCustomer ? 1 : 0) + (byCard ? 1 : 0) != 1) {
            throw ProblemException.badRequest("Exactly one of email, customerId and cardToken is required.",
                    List.of(new FieldError("email", "or customerId or cardToken is required, only one")));
        }
        if (byCard) {
            if (!CARD_TOKEN.matcher(query.cardToken()).matches()) {
                throw ProblemException.badRequest("Not a card token.",
                        List.of(new FieldError("cardToken", "is not a card token (tok_...); never send a card number")));
            }
            return new Subjects(lookup.byCardToken(query.cardToken()));
        }
        if (byCustomer) {
            if (query.customerId().length() > MAX_CUSTOMER_ID) {
                throw ProblemException.badRequest("The customer id is too long.",
                        List.of(new FieldError("customerId", "at most " + MAX_CUSTOMER_ID + " characters")));
            }
            return new Subjects(lookup.byCustomerId(query.customerId()));
        }
        if (query.email().length() > MAX_EMAIL) {
            throw ProblemException.badRequest("The e-mail address is too long.",
                    List.of(new FieldError("email", "at most " + MAX_EMAIL + " characters")));
        }
        return new Subjects(lookup.byEmail(query.email()));
    }

    private static String checked(String pseudonym) {
        if (pseudonym == null || !PSEUDONYM.matcher(pseudonym).matches()) {
            throw ProblemException.badRequest("Not a subject pseudonym.",
                    List.of(new FieldError(SubjectDataApi.PSEUDONYM_PARAM, "is not a pseudonym")));
        }
        return pseudonym;
    }
}
