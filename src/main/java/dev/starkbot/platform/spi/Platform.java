package dev.starkbot.platform.spi;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.OutgoingMessage;

/**
 * A chat platform adapter: the required core. What else a platform can do it says by also implementing
 * {@link MessageEditing}, {@link TypingIndicator}, {@link Reactions}, {@link Buttons}, {@link Threads},
 * {@link Media} or {@link SlashCommands}; the router uses a capability only where it is there.
 *
 * <p>An adapter is a Spring bean that exists only when the platform is enabled and has its credentials. The router
 * starts it once the application is ready and stops it on shutdown.
 */
public interface Platform {

    /** Lower-case, stable: {@code telegram}. Part of stored keys, so never changed. */
    String name();

    /** Who may talk to the bot here, and how it behaves in groups: the adapter's configuration. */
    AccessPolicy access();

    /** How Markdown becomes this platform's markup, and its message length limit. */
    MessageFormat format();

    /**
     * Starts receiving. Returns promptly; the connection is made in the background and reported through
     * {@link PlatformContext#status}. Every message received is handed to {@link PlatformContext#receive}, which
     * returns once it is durably recorded: only then may the adapter acknowledge it to the platform.
     */
    void start(PlatformContext context);

    /** Stops receiving and releases connections; sends in progress may fail. */
    void stop();

    /**
     * The router decided not to answer a message (a stranger, a message not addressed to the bot, nothing to answer).
     * A platform that already showed it was being answered (Discord's "thinking…" placeholder of a slash command)
     * takes that back. Best effort: called once, failures are only logged.
     */
    default void unanswered(IncomingMessage message) {
    }

    /**
     * Sends one message.
     *
     * @return the platform's id of the message sent
     * @throws DeliveryException when the platform refused or could not be reached
     */
    String send(OutgoingMessage message) throws DeliveryException;
}
