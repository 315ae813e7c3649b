package dev.starkbot.platform.spi;

/**
 * A platform with threads (topics) inside a chat: each thread gets its own conversation in a group, and replies
 * go to the thread the message came from.
 */
public interface Threads {
}
