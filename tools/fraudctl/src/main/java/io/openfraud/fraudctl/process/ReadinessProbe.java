package io.openfraud.fraudctl.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides when a started process serves. The supervisor feeds it every complete line the process writes and polls it
 * in between; the first non-empty answer marks the process ready, with details to show (connection info).
 */
public interface ReadinessProbe {

    /** A line of the process' output; non-empty when this line means it serves. */
    default Optional<Map<String, String>> onLine(String line) {
        return Optional.empty();
    }

    /** Called at the supervisor's poll period; non-empty when the process serves. Must return quickly. */
    default Optional<Map<String, String>> poll() {
        return Optional.empty();
    }

    /**
     * Ready when the process prints {@code READY <name> key=value ...} (InfraMain's contract); the details are the
     * key/value pairs. Values may contain spaces (a data directory), keys may not.
     */
    static ReadinessProbe readyLine(String name) {
        String prefix = "READY " + name;
        Pattern pair = Pattern.compile("(\\S+?)=(.*?)(?= \\S+?=|$)");
        return new ReadinessProbe() {
            @Override
            public Optional<Map<String, String>> onLine(String line) {
                if (!line.equals(prefix) && !line.startsWith(prefix + " ")) {
                    return Optional.empty();
                }
                Map<String, String> details = new LinkedHashMap<>();
                Matcher m = pair.matcher(line.substring(prefix.length()).trim());
                while (m.find()) {
                    details.put(m.group(1), m.group(2));
                }
                return Optional.of(details);
            }

            @Override
            public String toString() {
                return "a line starting with '" + prefix + "'";
            }
        };
    }

    /** Ready when loopback {@code port} accepts connections. */
    static ReadinessProbe portOpen(int port) {
        return new ReadinessProbe() {
            @Override
            public Optional<Map<String, String>> poll() {
                return Ports.accepts(port, Duration.ofMillis(200))
                        ? Optional.of(Map.of("port", Integer.toString(port)))
                        : Optional.empty();
            }

            @Override
            public String toString() {
                return "port " + port + " accepting connections";
            }
        };
    }

    /** Ready when a GET of {@code uri} answers 2xx (a Quarkus service's {@code /q/health/ready}). */
    static ReadinessProbe httpOk(URI uri) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        return new ReadinessProbe() {
            @Override
            public Optional<Map<String, String>> poll() {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    return status / 100 == 2 ? Optional.of(Map.of("url", uri.toString())) : Optional.empty();
                } catch (IOException e) {
                    return Optional.empty(); // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }

            @Override
            public String toString() {
                return "GET " + uri + " answering 2xx";
            }
        };
    }
}
