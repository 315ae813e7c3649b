package dev.starkbot.platform;

import java.time.Instant;

/**
 * Published when an unknown sender is given a new pairing code, so that admins can be told: the code is approved
 * in the dashboard or with {@code POST /api/platforms/pairings/{code}/approve} until {@code expiresAt}.
 *
 * @param senderName as the platform showed it, control characters replaced; chosen by the sender, so not to be
 *                   trusted as an identity
 */
public record PairingRequested(String platform, String senderName, String code, Instant expiresAt) {
}
