package dev.starkbot.platform;

/** A one-to-one chat with the bot, or a chat of several people (a group, a channel, a server's text channel). */
public enum ChatKind {
    DIRECT,
    GROUP
}
