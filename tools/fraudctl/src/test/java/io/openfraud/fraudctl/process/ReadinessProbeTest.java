package io.openfraud.fraudctl.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

    @Test
    void readsTheReadyLineOfItsStoreOnly() {
        ReadinessProbe kafka = ReadinessProbe.readyLine("kafka");

        assertThat(kafka.onLine("READY kafka bootstrap.servers=127.0.0.1:19092 data.dir=/home/a b/kafka port=19092"))
                .hasValueSatisfying(details -> assertThat(details)
                        .containsEntry("bootstrap.servers", "127.0.0.1:19092")
                        .containsEntry("data.dir", "/home/a b/kafka")
                        .containsEntry("port", "19092"));
        assertThat(kafka.onLine("READY kafka")).hasValue(java.util.Map.of());
        assertThat(kafka.onLine("READY kafka2 port=1")).isEmpty();
        assertThat(kafka.onLine("INFO READY kafka port=1")).isEmpty();
        assertThat(kafka.onLine("READY postgres port=1")).isEmpty();
        assertThat(kafka.poll()).isEmpty();
    }

    @Test
    void probesAPortAndAnHttpEndpoint() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), 0), 0);
        AtomicInteger status = new AtomicInteger(503);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            ReadinessProbe http = ReadinessProbe.httpOk(URI.create("http://127.0.0.1:" + port + "/q/health/ready"));

            assertThat(ReadinessProbe.portOpen(port).poll()).isPresent();
            assertThat(http.poll()).isEmpty();
            status.set(200);
            assertThat(http.poll()).isPresent();
        } finally {
            server.stop(0);
        }
        assertThat(ReadinessProbe.portOpen(Ports.freePort()).poll()).isEmpty();
    }
}
