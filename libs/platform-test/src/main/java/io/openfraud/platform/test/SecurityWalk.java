package io.openfraud.platform.test;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Walks a service's {@code /q/openapi} and checks that every operation declares who may call it and denies
 * everyone else: 401 problem+json (with {@code WWW-Authenticate: Bearer}) without a token, and 403 problem+json
 * with a token whose only role the operation does not list. Requires the service to publish its roles in the
 * OpenAPI document ({@code quarkus.smallrye-openapi.security-scheme=jwt} with auto-added requirements).
 */
public final class SecurityWalk {

    /** Every role of the platform, as {@code io.openfraud.web.security.Roles.ALL}. */
    public static final List<String> ROLES = List.of("admin", "analyst", "reviewer", "dpo", "subject", "service");

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private SecurityWalk() {
    }

    /**
     * Checks every operation and returns how many it checked, so a caller can assert the walk was not empty.
     *
     * @return the operations checked
     */
    public static int assertEveryOperationDeniesUndeclaredCallers() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var path : paths.entrySet()) {
            String url = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (String method : METHODS) {
                Object operation = path.getValue().get(method);
                if (!(operation instanceof Map<?, ?> op)) {
                    continue;
                }
                checked++;
                String name = method.toUpperCase() + " " + path.getKey();
                List<String> allowed = rolesOf(op);
                if (allowed.isEmpty()) {
                    failures.add(name + " declares no roles");
                    continue;
                }
                expect(failures, name + " without a token", request(null).request(method, url), 401);
                ROLES.stream().filter(role -> !allowed.contains(role)).findFirst().ifPresent(role ->
                        expect(failures, name + " as " + role, request(role).request(method, url), 403));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("Operations that do not deny undeclared callers:\n  "
                    + String.join("\n  ", failures));
        }
        return checked;
    }

    private static RequestSpecification request(String role) {
        // JSON preferred, anything accepted: an operation that only produces another type (NDJSON exports) must
        // still deny before content negotiation could matter
        RequestSpecification spec = given().contentType("application/json").accept("application/json, */*;q=0.1")
                .body("{}");
        return role == null ? spec : spec.header("Authorization", Tokens.bearer(role));
    }

    private static void expect(List<String> failures, String what, Response response, int status) {
        String type = String.valueOf(response.contentType());
        if (response.statusCode() != status || !type.startsWith("application/problem+json")) {
            failures.add(what + ": expected " + status + " problem+json, got " + response.statusCode() + " " + type);
        } else if (status == 401 && !"Bearer".equals(response.header("WWW-Authenticate"))) {
            failures.add(what + ": 401 without WWW-Authenticate: Bearer");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> rolesOf(Map<?, ?> operation) {
        Object security = operation.get("security");
        List<String> roles = new ArrayList<>();
        if (security instanceof List<?> requirements) {
            for (Object requirement : requirements) {
                if (requirement instanceof Map<?, ?> map) {
                    map.values().forEach(v -> roles.addAll((Collection<String>) v));
                }
            }
        }
        return roles;
    }
}
