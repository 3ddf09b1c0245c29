package io.openfraud.fraudctl.services;

import java.util.EnumMap;
import java.util.Map;

/**
 * The loopback HTTP port of each service. {@link #FIXED} are the documented ones ({@link PlatformService#port()});
 * other values are for tests, which must not collide with a platform a developer already runs.
 */
public record ServicePorts(Map<PlatformService, Integer> ports) {

    /** ingestion 8081, feature 8082, scoring 8083, retraining 8084, governance 8085. */
    public static final ServicePorts FIXED = fixed();

    public ServicePorts {
        ports = Map.copyOf(ports);
        for (PlatformService service : PlatformService.values()) {
            if (!ports.containsKey(service)) {
                throw new IllegalArgumentException("no port for " + service.serviceName());
            }
        }
    }

    private static ServicePorts fixed() {
        Map<PlatformService, Integer> ports = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            ports.put(service, service.port());
        }
        return new ServicePorts(ports);
    }

    public int port(PlatformService service) {
        return ports.get(service);
    }

    public String url(PlatformService service) {
        return "http://localhost:" + port(service);
    }

    /** What {@code fraudctl up} waits for: SmallRye Health's readiness (Kafka, database, Redis or Mongo checks). */
    public String readinessUrl(PlatformService service) {
        return url(service) + "/q/health/ready";
    }
}
