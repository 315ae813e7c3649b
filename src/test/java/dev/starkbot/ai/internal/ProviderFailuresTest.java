package dev.starkbot.ai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.starkbot.ai.spi.ProviderException.Failure;

class ProviderFailuresTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void retryAfterIsReadInMillisecondsSecondsOrAsAnHttpDateAndNonsenseIsIgnored() {
        assertThat(ProviderFailures.retryAfter("1500", "9", NOW)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ProviderFailures.retryAfter(null, "2", NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ProviderFailures.retryAfter(null, "0.5", NOW)).isEqualTo(Duration.ofMillis(500));
        assertThat(ProviderFailures.retryAfter(null, "Thu, 26 Nov 2026 10:00:30 GMT", NOW))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ProviderFailures.retryAfter(null, "Thu, 26 Nov 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(ProviderFailures.retryAfter(null, "soon", NOW)).isNull();
        assertThat(ProviderFailures.retryAfter(null, null, NOW)).isNull();
    }

    @Test
    void statusesAndErrorTypesMapToWhatRetryingNeeds() {
        assertThat(ProviderFailures.fromStatus(429)).isEqualTo(Failure.RATE_LIMITED);
        assertThat(ProviderFailures.fromStatus(529)).isEqualTo(Failure.OVERLOADED);
        assertThat(ProviderFailures.fromStatus(502)).isEqualTo(Failure.SERVER);
        assertThat(ProviderFailures.fromStatus(401)).isEqualTo(Failure.AUTH);
        assertThat(ProviderFailures.fromStatus(400)).isEqualTo(Failure.REJECTED);
        assertThat(ProviderFailures.fromErrorType("overloaded_error")).isEqualTo(Failure.OVERLOADED);
        assertThat(ProviderFailures.fromErrorType("rate_limit_error")).isEqualTo(Failure.RATE_LIMITED);
        assertThat(ProviderFailures.fromIo(new RuntimeException(new SocketTimeoutException("read"))))
                .isEqualTo(Failure.TIMEOUT);
        assertThat(ProviderFailures.fromIo(new RuntimeException(new java.io.EOFException())))
                .isEqualTo(Failure.NETWORK);
    }
}
