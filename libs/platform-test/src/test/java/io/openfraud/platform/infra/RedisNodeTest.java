package io.openfraud.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class RedisNodeTest {

    @Test
    void setGetThenStopAndStartAgainOnTheSamePort() throws IOException {
        try (RedisNode redis = RedisNode.start()) {
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
            try (RespClient client = new RespClient(redis.host(), redis.port())) {
                assertThat(client.call("SET", "card:token", "tok_123")).isEqualTo("OK");
                assertThat(client.call("GET", "card:token")).isEqualTo("tok_123");
            }

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            assertThatThrownBy(() -> new RespClient(redis.host(), redis.port()).close())
                    .isInstanceOf(ConnectException.class);

            redis.startAgain();
            assertThat(redis.isRunning()).isTrue();
            try (RespClient client = new RespClient(redis.host(), redis.port())) {
                assertThat(client.call("PING")).isEqualTo("PONG");
                assertThat(client.call("GET", "card:token")).as("no persistence by default").isNull();
            }
        }
    }

    @Test
    void temporaryWorkingDirectoryIsDeletedOnStop() {
        RedisNode redis = RedisNode.start();
        assertThat(redis.dataDirectory()).isDirectory();

        redis.close();

        assertThat(Files.exists(redis.dataDirectory())).isFalse();
    }
}
