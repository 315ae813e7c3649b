package dev.starkbot.platform.spi;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.PlatformStatus;

/** What the router gives a platform adapter when it starts it. */
public interface PlatformContext {

    /**
     * Records a message durably. When this returns the message is committed and will be answered, even if the
     * process dies now; a message with an {@code externalId} already recorded is ignored, so redelivery is safe.
     *
     * @throws RuntimeException when it could not be recorded: the adapter must not acknowledge the message
     */
    void receive(IncomingMessage message);

    /**
     * Each chat's newest message recorded from this platform and bot account (within
     * {@code starkbot.platforms.keep-delivered}), the most recently active chats first. An adapter whose platform does
     * not deliver again what was sent while the bot was away (Discord) asks it for what came after, on reconnecting.
     */
    List<IncomingMessage> latestPerChat(String account, int maxChats);

    /** Reports the connection's state; the router publishes changes and counts reconnects. */
    void status(PlatformStatus.State state, @Nullable String detail);

    /** Where the adapter keeps files it downloads: a directory of its own under the data directory. */
    Path files();

    /**
     * Resolves an {@link dev.starkbot.platform.Attachment#path()} to the file.
     *
     * @throws IllegalArgumentException when the path names no file under {@code <data-dir>/files}
     */
    Path file(String path);
}
