package dev.starkbot.command.internal;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.command.CommandService;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;

/** The commands the caller may run, for a chat box's completion menu. Commands themselves run as chat messages. */
@RestController
class CommandController {

    private final CommandService commands;

    CommandController(CommandService commands) {
        this.commands = commands;
    }

    @GetMapping("/api/commands")
    @RpcMethod(value = "commands.list", description = "The commands the caller may type in a chat")
    List<CommandSpec> list(@AuthenticationPrincipal Principal me) {
        return commands.available(me.role());
    }
}
