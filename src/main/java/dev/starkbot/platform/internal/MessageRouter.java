package dev.starkbot.platform.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandService;
import dev.starkbot.conversation.ConversationService;
import dev.starkbot.conversation.Message;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.platform.spi.Buttons;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.Media;
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.platform.spi.Reactions;
import dev.starkbot.shared.StarkBotException;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers one received message: decides whether the bot may answer it, finds the conversation its chat continues,
 * runs the turn (streaming the reply where the platform can show it) and writes the reply to the outbox in the same
 * transaction that marks the message done. A message handled again after a crash runs under the same message key,
 * so the person's message is stored once and a finished turn is not asked of the model again.
 */
@Component
class MessageRouter {

    private static final Logger log = LoggerFactory.getLogger(MessageRouter.class);
    private static final String ACKNOWLEDGEMENT = "👀";
    private static final Pattern LINK = Pattern.compile("\\s*/link(?:@\\w+)?\\s+(\\S+)\\s*");

    private final PlatformRegistry registry;
    private final PlatformAccess access;
    private final ConversationService conversations;
    private final CommandService commands;
    private final RouteRepository routes;
    private final InboxRepository inbox;
    private final Outbox outbox;
    private final RunningChats running;
    private final UserService users;
    private final PlatformsProperties properties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    MessageRouter(PlatformRegistry registry, PlatformAccess access, ConversationService conversations,
                  CommandService commands, RouteRepository routes, InboxRepository inbox, Outbox outbox,
                  RunningChats running, UserService users, PlatformsProperties properties,
                  TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.users = users;
        this.registry = registry;
        this.access = access;
        this.conversations = conversations;
        this.commands = commands;
        this.routes = routes;
        this.inbox = inbox;
        this.outbox = outbox;
        this.running = running;
        this.properties = properties;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** Answers a message this instance holds the lease of ({@code item.leaseOwner()}). */
    void handle(InboxRepository.Item item) {
        IncomingMessage message = json.readValue(item.message(), IncomingMessage.class);
        Optional<Platform> found = registry.find(message.platform());
        if (found.isEmpty()) {
            inbox.finish(item.id(), "ignored", "platform " + message.platform() + " is not enabled", clock.millis());
            return;
        }
        Platform platform = found.get();
        AccessPolicy policy = platform.access();
        if (message.callback() != null && platform instanceof Buttons buttons) {
            answerCallback(buttons, message.callback().id());
        }
        if (message.chatKind() == ChatKind.GROUP && message.callback() == null && !message.addressedToBot()
                && policy.groups() != AccessPolicy.Groups.ALL) {
            ignore(item, platform, message, "not addressed to the bot");
            return;
        }
        String text = message.callback() != null ? message.callback().data() : message.text();
        Matcher link = LINK.matcher(text);
        // only in a direct chat: in a group the code would be shown to everyone, and an anonymous admin's
        // messages all come from one shared sender
        if (link.matches() && message.chatKind() == ChatKind.DIRECT && policy.mode() != AccessPolicy.Mode.DISABLED) {
            Optional<String> linked = access.link(message.platform(), message.senderId(), message.senderName(),
                    link.group(1));
            if (linked.isEmpty() && item.attempts() > 1) {
                // answered again after a crash: the code was used up by the first attempt, which linked them
                linked = access.linkedName(message.platform(), message.senderId());
            }
            String reply = linked.map(name -> "Linked: you are **" + literal(name) + "** on StarkBot now.")
                    .orElse("That link code is unknown or expired. Make a new one in the dashboard.");
            reply(item, message, platform, reply, null, true);
            return;
        }
        switch (access.decide(message, policy)) {
            case AccessDecision.Refused refused -> ignore(item, platform, message, refused.reason());
            case AccessDecision.PairingRequired pairing -> {
                if (pairing.remind()) {
                    reply(item, message, platform, "I don't know you yet. To talk to me, ask my owner to approve "
                            + "pairing code **" + pairing.code() + "** (valid for "
                            + properties.pairingCodeTtl().toMinutes() + " minutes).", null, true);
                } else {
                    ignore(item, platform, message, "pairing code already sent");
                }
            }
            case AccessDecision.Allowed allowed -> converse(item, message, platform, policy, allowed, text);
        }
    }

    private void converse(InboxRepository.Item item, IncomingMessage message, Platform platform, AccessPolicy policy,
                          AccessDecision.Allowed allowed, String text) {
        String prompt = prompt(message, text, downloads(platform, message));
        if (prompt.isBlank()) {
            ignore(item, platform, message, "nothing to answer");
            return;
        }
        String routeKey = ChatKeys.route(message, policy);
        RouteRepository.Route route = route(routeKey, message, allowed);
        inbox.conversation(item.id(), route.conversationId());
        String replyTo = message.chatKind() == ChatKind.GROUP ? message.messageId() : null;
        running.start(item.chatKey(), route.ownerId(), route.conversationId(), message.senderId());
        acknowledge(platform, message, prompt);
        ReplyStream stream = new ReplyStream(platform, message.chatId(), message.threadId(), replyTo,
                message.messageId(), item.draftMessageId(), draft -> inbox.draft(item.id(), draft), properties,
                clock);
        TurnResult result;
        try {
            result = conversations.send(route.ownerId(), route.conversationId(), prompt, platform.name(),
                    role(message, allowed), item.id(), stream);
        } catch (StarkBotException e) {
            stream.close();
            if (e.type().equals("turn-in-progress") || e.type().equals("too-many-turns")) {
                // someone is using the conversation from another screen: this message waits its turn
                inbox.putOff(item.id(), clock.millis() + 2000, e.getMessage(), clock.millis(), false);
                return;
            }
            log.info("Could not answer a {} message: {}", platform.name(), e.getMessage());
            reply(item, message, platform, "⚠️ " + literal(e.getMessage()), stream.draftId(), true);
            return;
        } finally {
            // the preview stops before the final text is written, so no late preview edit can overwrite it
            stream.close();
            running.end(item.chatKey());
        }
        if (result.conversationId() != null) {
            routes.save(routeKey, route.ownerId(), result.conversationId(), clock.millis());
        }
        reply(item, message, platform, replyText(result), stream.draftId(), commands.handles(prompt));
    }

    /**
     * The conversation the chat continues, made on first contact or when the chat's person changed accounts. A
     * group's shared conversation belongs to an account of the group's own, so that what the model's tools can reach
     * there is the group's history, never a member's private conversations.
     */
    private RouteRepository.Route route(String routeKey, IncomingMessage message, AccessDecision.Allowed allowed) {
        boolean shared = message.chatKind() == ChatKind.GROUP && !routeKey.contains(":u:");
        String ownerId = shared ? users.chatAccount(ChatKeys.groupAccount(message), message.platform() + " group "
                + message.chatId()) : allowed.userId();
        Optional<RouteRepository.Route> existing = routes.find(routeKey);
        if (existing.isPresent() && existing.get().ownerId().equals(ownerId)) {
            return existing.get();
        }
        String conversationId = conversations.create(ownerId, null, null, null, message.platform()).id();
        routes.save(routeKey, ownerId, conversationId, clock.millis());
        return new RouteRepository.Route(ownerId, conversationId);
    }

    /** Stops the turn answering a chat's message, when this instance lost the message's lease to another. */
    void abandon(String chatKey) {
        running.find(chatKey).ifPresent(turn -> conversations.abort(turn.ownerId(), turn.conversationId()));
    }

    /** In a group, nobody's commands reach further than a user's, whatever their own role. */
    private static Role role(IncomingMessage message, AccessDecision.Allowed allowed) {
        return message.chatKind() == ChatKind.GROUP ? allowed.role().min(Role.USER) : allowed.role();
    }

    /**
     * The message's files, fetched now that the sender is let in (a stranger's files are never downloaded); a file
     * that cannot be fetched is kept as a note for the model.
     */
    private static List<Attachment> downloads(Platform platform, IncomingMessage message) {
        List<Attachment> files = new ArrayList<>();
        for (Attachment attachment : message.attachments()) {
            if (attachment.downloaded() || !(platform instanceof Media media)) {
                files.add(attachment);
                continue;
            }
            try {
                files.add(media.download(attachment, message.chatId()));
            } catch (DeliveryException e) {
                log.info("Could not download a {} from {}: {}", attachment.kind(), platform.name(), e.getMessage());
                files.add(attachment);
            }
        }
        return files;
    }

    /** What the model is told: the text, who said it in a group, and the files that came with it. */
    private String prompt(IncomingMessage message, String text, List<Attachment> attachments) {
        StringBuilder prompt = new StringBuilder(text.strip());
        if (commands.handles(prompt.toString())) {
            return prompt.toString();
        }
        if (message.chatKind() == ChatKind.GROUP && !prompt.isEmpty()) {
            prompt.insert(0, "[" + SenderNames.label(message.senderName()) + "] ");
        }
        for (Attachment attachment : attachments) {
            prompt.append(prompt.isEmpty() ? "" : "\n").append('[').append(SenderNames.label(message.senderName()))
                    .append(" sent a ").append(attachment.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .append(": ").append(SenderNames.label(attachment.fileName())).append(", ").append(attachment.size())
                    .append(attachment.downloaded() ? " bytes, saved as " + attachment.path()
                            : " bytes, which could not be downloaded").append(']');
        }
        return prompt.toString();
    }


    /** Text shown as written, not read as Markdown: a name or an error message must not carry links or markup. */
    static String literal(String text) {
        return CommandResult.literal(text);
    }

    /** The reply as the chat shows it: the model's text of every step, and the notices that ended the turn. */
    private static String replyText(TurnResult result) {
        if (result.reply() != null) {
            return result.reply();
        }
        List<String> parts = new ArrayList<>();
        for (Message message : result.messages()) {
            if (message.role().equals("assistant") && !message.text().isBlank()) {
                parts.add(message.text());
            } else if (message.role().equals("notice")) {
                parts.add("_" + message.text() + "_");
            }
        }
        return parts.isEmpty() ? "_(no reply)_" : String.join("\n\n", parts);
    }

    /** Writes the reply to the outbox and marks the message done, in one transaction. */
    private void reply(InboxRepository.Item item, IncomingMessage message, Platform platform, String markdown,
                       @Nullable String draftId, boolean notice) {
        List<String> split = ReplySplitter.split(markdown, platform.format());
        // a reply that renders to nothing visible still replaces the streamed draft
        List<String> chunks = split.isEmpty() ? List.of(platform.format().render("_(no reply)_")) : split;
        String replyTo = message.chatKind() == ChatKind.GROUP && draftId == null ? message.messageId() : null;
        transactions.executeWithoutResult(status -> {
            if (!inbox.finishHeld(item.id(), String.valueOf(item.leaseOwner()), "done", null, clock.millis())) {
                // another instance took the message over while this one was slow: its answer is the one kept
                status.setRollbackOnly();
                return;
            }
            for (int i = 0; i < chunks.size(); i++) {
                OutgoingMessage outgoing = new OutgoingMessage(message.chatId(), message.threadId(), chunks.get(i),
                        i == 0 ? replyTo : null, List.of(), List.of(), notice, message.messageId());
                String target = i == 0 ? draftId : null;
                outbox.write(platform.name(), item.chatKey(), item.id() + ":" + i, outgoing, target);
            }
        });
        outbox.wake();
    }

    /** Finishes a message without an answer; a platform that showed it was being answered takes that back. */
    private void ignore(InboxRepository.Item item, Platform platform, IncomingMessage message, String reason) {
        inbox.finish(item.id(), "ignored", reason, clock.millis());
        try {
            platform.unanswered(message);
        } catch (RuntimeException e) {
            log.debug("Could not take back a {} placeholder: {}", platform.name(), e.getMessage());
        }
    }

    /**
     * A light "seen, working on it" where the platform has reactions: the person knows the message arrived before
     * the first word of the answer, which may take a while. Not for commands (answered at once) or button presses.
     */
    private void acknowledge(Platform platform, IncomingMessage message, String prompt) {
        if (!(platform instanceof Reactions reactions) || message.callback() != null || commands.handles(prompt)) {
            return;
        }
        Thread.ofVirtual().name("platform-ack").start(() -> {
            try {
                reactions.react(message.chatId(), message.messageId(), ACKNOWLEDGEMENT);
            } catch (DeliveryException | RuntimeException e) {
                // only a courtesy: the answer comes all the same
                log.debug("Could not acknowledge a {} message: {}", platform.name(), e.getMessage());
            }
        });
    }

    private static void answerCallback(Buttons buttons, String callbackId) {
        try {
            buttons.answer(callbackId, null);
        } catch (DeliveryException e) {
            // the press is handled anyway; the spinner on the button times out by itself
            log.debug("Could not answer a button press: {}", e.getMessage());
        }
    }
}
