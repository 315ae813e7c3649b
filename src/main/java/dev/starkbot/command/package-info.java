/**
 * Commands people type in any chat: {@code /command arg1 "quoted arg" --flag=value}. A registry of commands with
 * their description, arguments and required role; modules contribute commands as {@code spi.Command} beans, and
 * every door (the web chat, the WebSocket, chat platforms) runs them through {@link CommandService}.
 */
@ApplicationModule(displayName = "Commands")
@NullMarked
package dev.starkbot.command;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
