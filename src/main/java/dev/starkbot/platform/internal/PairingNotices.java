package dev.starkbot.platform.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.Button;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PairingRequested;
import dev.starkbot.platform.spi.Platform;

/**
 * Tells people about pairing on the platform itself: admins with a linked account there get each new request with
 * Approve and Reject buttons (which run {@code /pairing approve|reject CODE} as the admin who presses them), and an
 * approved sender is told they can talk now. Written to the outbox, so they survive restarts like replies.
 */
@Component
class PairingNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final IdentityRepository identities;
    private final PlatformRegistry registry;
    private final Outbox outbox;

    PairingNotices(IdentityRepository identities, PlatformRegistry registry, Outbox outbox) {
        this.identities = identities;
        this.registry = registry;
        this.outbox = outbox;
    }

    @EventListener
    void on(PairingRequested requested) {
        Platform platform = registry.find(requested.platform()).orElse(null);
        if (platform == null) {
            return;
        }
        String text = platform.format().render("**" + MessageRouter.literal(requested.senderName())
                + "** asks to talk to me here. Pairing code **" + requested.code() + "**, valid until "
                + TIME.format(requested.expiresAt()) + ".");
        List<Button> buttons = List.of(new Button("Approve", "/pairing approve " + requested.code()),
                new Button("Reject", "/pairing reject " + requested.code()));
        for (IdentityRepository.Identity admin : identities.ofActiveAdmins(requested.platform())) {
            // a platform user id is also the id of their direct chat with the bot (Telegram's rule, and Discord's
            // adapter's)
            outbox.write(requested.platform(), requested.platform() + ":notices:" + admin.platformUserId(),
                    "pairing:" + requested.code() + ":" + admin.userId(),
                    new OutgoingMessage(admin.platformUserId(), null, text, null, buttons, List.of(), true, null),
                    null);
        }
        outbox.wake();
    }

    /** Called in the approving transaction. */
    void approved(PairingRepository.Pairing pairing) {
        registry.find(pairing.platform()).ifPresent(platform -> outbox.write(pairing.platform(),
                pairing.platform() + ":notices:" + pairing.chatId(), "pairing:" + pairing.code() + ":approved",
                OutgoingMessage.notice(pairing.chatId(), null, platform.format().render(
                        "You're in: your pairing code was approved. Write to me any time.")), null));
    }

    void wake() {
        outbox.wake();
    }
}
