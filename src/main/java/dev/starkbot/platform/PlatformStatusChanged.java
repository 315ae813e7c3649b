package dev.starkbot.platform;

/** Published when a platform's connection state changes, for the gateway's {@code platforms} topic. */
public record PlatformStatusChanged(PlatformStatus status) {
}
