package io.openfraud.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service as RFC 9457 {@code application/problem+json}, 401 and 403 included.
 *
 * <p>Hand-written rather than the Quarkiverse resteasy-problem extension: the only version Maven Central serves
 * (3.21.0) turns every 401 into a 500 on Quarkus 3.33. These mappers are few and each one is tested.
 * Security mappers run with a high priority (a low number) so that no default mapper answers first; for them to see
 * authentication failures at all, services set {@code quarkus.http.auth.proactive=false}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_BASE = "https://openfraud.io/problems/";

    @ServerExceptionMapper(priority = 100)
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = 100)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = 100)
    public Response forbidden(ForbiddenException e) {
        return respond(403, "forbidden", "Forbidden", "Your roles do not allow this operation.", List.of());
    }

    @ServerExceptionMapper(priority = 100)
    public Response problem(ProblemException e) {
        String slug = switch (e.status()) {
            case 400 -> "invalid-request";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 503 -> "unavailable";
            default -> "error";
        };
        Response response = respond(e.status(), slug, Response.Status.fromStatusCode(e.status()) == null ? "Error"
                : Response.Status.fromStatusCode(e.status()).getReasonPhrase(), e.getMessage(), e.errors());
        if (e.retryAfterSeconds().isPresent()) {
            return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds().getAsInt()).build();
        }
        return response;
    }

    @ServerExceptionMapper(priority = 100)
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(400, "invalid-request", "Bad Request", "The request has invalid fields.", errors);
    }

    @ServerExceptionMapper(priority = 100)
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : "";
        List<Problem.FieldError> errors = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldError(field, "has the wrong type or format"));
        // Jackson's own message may quote the rejected value (possibly a card number): never echo it.
        return respond(400, "invalid-request", "Bad Request",
                field.isEmpty() ? "The body is not valid JSON." : "The body does not match the expected shape.",
                errors);
    }

    /**
     * A value of the wrong type or format (a date that is not one). Quarkus REST has a built-in mapper for exactly this
     * type, which a mapper of the supertype {@link JsonProcessingException} would not override: it answered plain JSON.
     */
    @ServerExceptionMapper(priority = 100)
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 200)
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        Response.ResponseBuilder builder = problemBuilder(status, slugOf(type.getReasonPhrase()),
                type.getReasonPhrase(), detailOf(status), List.of());
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (HttpHeaders.ALLOW.equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper(priority = 1000)
    public Response unexpected(Throwable e) {
        return internal(e);
    }

    private static Response internal(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return respond(500, "internal", "Internal Server Error",
                "The request failed unexpectedly; quote error id " + errorId + " to an operator.", List.of());
    }

    private static Response unauthenticated() {
        return problemBuilder(401, "unauthenticated", "Unauthorized",
                "A valid bearer token is required.", List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response respond(int status, String slug, String title, String detail,
            List<Problem.FieldError> errors) {
        return problemBuilder(status, slug, title, detail, errors).build();
    }

    private static Response.ResponseBuilder problemBuilder(int status, String slug, String title, String detail,
            List<Problem.FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE_VALUE)
                .entity(new Problem(URI.create(TYPE_BASE + slug), title, status, detail, errors));
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "No acceptable representation.";
            case 415 -> "Unsupported media type; send application/json.";
            default -> "The request cannot be processed.";
        };
    }

    private static String slugOf(String reasonPhrase) {
        return reasonPhrase == null ? "error" : reasonPhrase.toLowerCase().replaceAll("[^a-z]+", "-");
    }

    /** {@code create.arg0.card.pan} becomes {@code card.pan}: clients know fields, not Java parameters. */
    static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        int start = parts.length > 2 ? 2 : Math.min(parts.length - 1, 1);
        return java.util.Arrays.stream(parts, start, parts.length).collect(Collectors.joining("."));
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
