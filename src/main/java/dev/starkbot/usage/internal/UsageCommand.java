package dev.starkbot.usage.internal;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.command.spi.Command;

/** The person's own tokens today and this month, against their budgets. */
@Component
class UsageCommand implements Command {

    private static final CommandSpec SPEC = CommandSpec.of("usage", "Show your tokens today and this month", "");

    private final UsageRepository repository;
    private final DefaultUsageService usage;

    UsageCommand(UsageRepository repository, DefaultUsageService usage) {
        this.repository = repository;
        this.usage = usage;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(CommandContext context, CommandLine line) {
        LocalDate today = usage.today();
        long day = repository.tokensBetween(context.userId(), today.toString(), today.toString());
        long month = repository.tokensBetween(context.userId(), today.withDayOfMonth(1).toString(), today.toString());
        DefaultUsageService.Budgets budgets = usage.budgets(context.userId());
        return CommandResult.of("Tokens today: " + day + of(budgets.daily()) + "\nTokens this month: " + month
                + of(budgets.monthly()) + "\n(Days are UTC days.)");
    }

    private static String of(long budget) {
        return budget == 0 ? " (no budget)" : " of " + budget;
    }
}
