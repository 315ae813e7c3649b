package dev.starkbot.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The wait before a send is tried again, before jitter and any retry_after. */
class OutboxBackoffTest {

    @Test
    void startsAtHalfASecondAfterTheFirstAttemptDoublesAndStopsAtTheCap() {
        Duration cap = Duration.ofMinutes(5);
        assertThat(Outbox.backoff(1, cap)).isEqualTo(500);
        assertThat(Outbox.backoff(2, cap)).isEqualTo(1000);
        assertThat(Outbox.backoff(5, cap)).isEqualTo(8000);
        assertThat(Outbox.backoff(30, cap)).isEqualTo(cap.toMillis());
        assertThat(Outbox.backoff(0, cap)).isEqualTo(500);
    }
}
