package dev.starkbot.platform;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How a platform's connection is doing.
 *
 * @param lastEventAt when the platform last delivered something (or answered a poll), or null
 * @param reconnects  connections lost and made again since start
 * @param detail      why it is backing off or failed, without secrets; or null
 */
public record PlatformStatus(String platform, State state, @Nullable Instant lastEventAt, long reconnects,
                             @Nullable String detail, Instant since) {

    public enum State {
        STOPPED,
        CONNECTING,
        CONNECTED,
        BACKING_OFF,
        FAILED
    }
}
