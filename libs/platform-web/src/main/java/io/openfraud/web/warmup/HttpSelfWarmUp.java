package io.openfraud.web.warmup;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's own hot endpoint over HTTP ({@code openfraud.warm-up.http-path}), called with a well-formed bearer
 * token signed by a throwaway key: the service refuses it (401) after routing, parsing the token, loading its
 * verification key and checking an RSA signature, which is what a first real call would otherwise pay for.
 */
@ApplicationScoped
public class HttpSelfWarmUp implements WarmUpTask {

    private final Optional<String> path;
    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile String token;

    HttpSelfWarmUp(@ConfigProperty(name = "openfraud.warm-up.http-path") Optional<String> path,
            @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "openfraud") String issuer) {
        this.path = path;
        this.issuer = issuer;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(10); // until the HTTP server listens
    }

    @Override
    public void run() throws IOException, InterruptedException {
        if (path.isEmpty()) {
            return;
        }
        int port = port();
        if (port <= 0) {
            throw new IllegalStateException("the HTTP server is not listening yet");
        }
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + path.get())).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 401) {
            throw new IllegalStateException("a token signed by an unknown key got " + response.statusCode()
                    + " from " + path.get() + ", not 401");
        }
    }

    /** The port the server listens on: Quarkus publishes the one it chose when configured with 0 (tests). */
    private static int port() {
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String value = System.getProperty(property);
        if (value == null) {
            value = ConfigProvider.getConfig().getOptionalValue(property, String.class).orElse("0");
        }
        return Integer.parseInt(value.trim());
    }

    private String token() {
        if (token == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                token = Jwt.issuer(issuer).upn("warm-up").groups(Set.of("service"))
                        .expiresIn(Duration.ofMinutes(5)).sign(generator.generateKeyPair().getPrivate());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return token;
    }
}
