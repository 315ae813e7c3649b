package dev.starkbot.platform.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandException;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.command.spi.Command;
import dev.starkbot.platform.PlatformException;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;

/**
 * {@code /pairing} lists the pairing codes waiting; {@code /pairing approve CODE} and {@code /pairing reject CODE}
 * decide one, from any chat (the buttons under a pairing request run these). Admins only; an approved sender gets
 * a chat account of their own, as from the API without a user.
 */
@Component
class PairingCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("pairing", "List, approve or reject pairing codes",
            "[approve|reject <code>]", Role.ADMIN);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ObjectProvider<PairingService> pairingService;

    /** Looked up when run: the platform module needs the command registry, so this command cannot need it first. */
    PairingCommand(ObjectProvider<PairingService> pairingService) {
        this.pairingService = pairingService;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public CommandResult run(CommandContext context, CommandLine line) {
        PairingService pairings = pairingService.getObject();
        String action = line.arg(0);
        String code = line.arg(1);
        if (action == null) {
            List<PairingRepository.Pairing> pending = pairings.pending();
            if (pending.isEmpty()) {
                return CommandResult.of("No pairing codes are waiting.");
            }
            StringBuilder text = new StringBuilder("Waiting for approval:");
            pending.forEach(p -> text.append("\n- **").append(p.code()).append("** ")
                    .append(MessageRouter.literal(p.senderName())).append(" on ").append(p.platform())
                    .append(", until ").append(TIME.format(p.expiresAt())));
            return CommandResult.of(text.toString());
        }
        if (code == null || !(action.equals("approve") || action.equals("reject"))) {
            throw CommandException.refused("Use /pairing, /pairing approve CODE or /pairing reject CODE");
        }
        // the command's own principal: a chat carries no session, and the audit names the admin who decided
        Principal admin = new Principal(context.userId(), "via " + context.platform(), context.role(),
                Principal.CredentialKind.SESSION_BEARER, "chat:" + context.platform());
        try {
            if (action.equals("approve")) {
                var identity = pairings.approve(admin, code, null);
                return CommandResult.of("Approved: " + MessageRouter.literal(identity.displayName())
                        + " can talk to me now, on an account of their own.");
            }
            pairings.reject(admin, code);
            return CommandResult.of("Rejected pairing code " + MessageRouter.literal(code) + ".");
        } catch (PlatformException e) {
            throw CommandException.refused("No pairing code " + code
                    + " is waiting (it may have expired or been decided already).");
        }
    }
}
