/**
 * Chat platforms: the router that turns a message on Telegram (Discord, Slack, ...) into a turn of a conversation
 * and its reply back into messages on that platform, who may talk to the bot (pairing, allow-lists, linked
 * identities), and a durable inbox and outbox so that nothing is lost or sent twice across restarts and reconnects.
 * Adapters live in sub-packages ({@code telegram}) and implement {@link dev.starkbot.platform.spi.Platform}.
 */
@ApplicationModule(displayName = "Chat platforms")
@NullMarked
package dev.starkbot.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
