package dev.parley.engines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisEngineTest {
    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.shared();

    @BeforeEach
    void empty() {
        REDIS.flushAll();
    }

    @Test
    void answersPing() {
        assertThat(REDIS.url()).isEqualTo("redis://127.0.0.1:" + REDIS.engine().port());
        assertThat(REDIS.engine().command("PING")).isEqualTo("+PONG");
        assertThat(REDIS.engine().command("SET", "k", "v")).isEqualTo("+OK");
        assertThat(REDIS.engine().command("EXISTS", "k")).isEqualTo(":1");
    }

    @Test
    void comesBackEmptyOnTheSamePortAfterARestart() {
        RedisEngine redis = REDIS.engine();
        redis.command("SET", "k", "v");
        int port = redis.port();

        redis.stop();
        assertThat(redis.isRunning()).isFalse();
        assertThat(redis.command("PING")).isNull();

        redis.start();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.command("PING")).isEqualTo("+PONG");
        assertThat(redis.command("EXISTS", "k")).isEqualTo(":0");
    }
}
