package io.openfraud.platform.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.response.Response;
import java.time.Duration;

/**
 * Assertions every service's {@code @QuarkusTest} makes about its operational endpoints: liveness, readiness with
 * the checks of its own stores and Kafka, Prometheus metrics and the OpenAPI document. Written once so that the
 * five services are held to the same standard.
 */
public final class OperationalEndpoints {

    /** Agroal's datasource readiness check. */
    public static final String DATABASE_CHECK = "Database connections health check";
    /** The Kafka client's broker readiness check ({@code quarkus.kafka.health.enabled=true}). */
    public static final String KAFKA_CHECK = "Kafka connection health check";
    /** The Redis client's readiness check. */
    public static final String REDIS_CHECK = "Redis connection health check";
    /** The MongoDB client's readiness check. */
    public static final String MONGO_CHECK = "MongoDB connection health check";
    /** fraud-model's PyTorch readiness check. */
    public static final String PYTORCH_CHECK = "pytorch";
    /** platform-web's warm-up: UP once the hot path ran; its {@code http} entry is the self-call with a refused token. */
    public static final String WARM_UP_CHECK = "warm-up";

    /** How long a service may take to become ready after boot (PyTorch loads in the background). */
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private OperationalEndpoints() {
    }

    /** Liveness is UP, metrics are Prometheus text with JVM metrics, OpenAPI names the service. */
    public static void assertServed(String serviceName) {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."))
                .body("info.title", equalTo(serviceName));
    }

    /**
     * Readiness becomes UP (within a bound) and lists each of {@code checks} and the warm-up, every one UP; the
     * warm-up's own HTTP self-call did not fail (it answers 401 to a token of an unknown key).
     */
    public static void assertReadyWith(String... checks) {
        await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response response = given().get("/q/health/ready");
            response.then().statusCode(200).body("status", equalTo("UP"));
        });
        given().get("/q/health/ready").then()
                .body("checks.name", hasItems(checks))
                .body("checks.name", hasItems(WARM_UP_CHECK))
                .body("checks.status", everyItem(equalTo("UP")))
                .body("checks.find { it.name == '" + WARM_UP_CHECK + "' }.data.http",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.startsWith("failed")));
    }
}
