package dev.starkbot.command.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandException;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandService;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.command.spi.Command;
import dev.starkbot.user.Role;

/** The registry: every {@link Command} bean by name, names unique (two of one name stop start-up). */
@Service
class DefaultCommandService implements CommandService {

    private static final Logger log = LoggerFactory.getLogger(DefaultCommandService.class);

    private final Map<String, Command> commands = new LinkedHashMap<>();

    DefaultCommandService(List<Command> commands) {
        for (Command command : commands) {
            if (this.commands.putIfAbsent(command.spec().name(), command) != null) {
                throw new IllegalStateException("two commands are named /" + command.spec().name());
            }
        }
    }

    @Override
    public boolean handles(String text) {
        if (!CommandLine.looksLikeCommand(text)) {
            return false;
        }
        String word = text.strip().split("\\s+", 2)[0].substring(1);
        int at = word.indexOf('@');
        return commands.containsKey((at < 0 ? word : word.substring(0, at)).toLowerCase(Locale.ROOT));
    }

    @Override
    public CommandResult run(CommandContext context, String text) {
        CommandLine line = CommandLine.parse(text);
        Command command = commands.get(line.name());
        if (command == null) {
            throw CommandException.unknown(line.name());
        }
        if (!context.role().includes(command.spec().requiredRole())) {
            throw CommandException.forbidden(line.name());
        }
        log.debug("/{} by {} on {}", line.name(), context.userId(), context.platform());
        return command.run(context, line);
    }

    @Override
    public List<CommandSpec> available(Role role) {
        return commands.values().stream().map(Command::spec).filter(spec -> role.includes(spec.requiredRole()))
                .sorted(java.util.Comparator.comparing(CommandSpec::name)).toList();
    }
}
