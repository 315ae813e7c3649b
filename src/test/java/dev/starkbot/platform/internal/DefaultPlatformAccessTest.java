package dev.starkbot.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.AccessPolicy.Groups;
import dev.starkbot.platform.AccessPolicy.Mode;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.internal.AccessDecision.Allowed;
import dev.starkbot.platform.internal.AccessDecision.PairingRequired;
import dev.starkbot.platform.internal.AccessDecision.Refused;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;

/** The access rules, every mode against direct and group chats and linked, unlinked and disabled senders. */
class DefaultPlatformAccessTest {

    private static final String OWNER = "owner-id";
    private static final String ALICE = "alice-id";
    private static final String MALLORY = "mallory-id";

    private final Map<String, Role> activeUsers = new HashMap<>(Map.of(OWNER, Role.ADMIN, ALICE, Role.USER));
    private final Map<String, String> linked = new HashMap<>(Map.of("tg-alice", ALICE, "tg-mallory", MALLORY));
    private final List<IncomingMessage> pairingRequests = new ArrayList<>();
    private final java.util.Set<String> disabledAccounts = new java.util.HashSet<>();
    private AccessDecision pairingAnswer = new PairingRequired("ABCDEFGH", true);

    private final DefaultPlatformAccess access = new DefaultPlatformAccess(new FakeIdentities(),
            message -> {
                pairingRequests.add(message);
                return pairingAnswer;
            }, new FakeUsers());

    @Test
    void disabledModeRefusesEveryoneLinkedOrNotInEveryChat() {
        for (ChatKind chat : ChatKind.values()) {
            for (String sender : List.of("tg-alice", "tg-stranger", "tg-listed")) {
                assertThat(decide(Mode.DISABLED, Groups.ALL, chat, sender)).isInstanceOf(Refused.class);
            }
        }
        assertThat(pairingRequests).isEmpty();
    }

    @Test
    void groupsOffRefusesEveryoneInGroupsButNotInDirectChats() {
        for (Mode mode : List.of(Mode.PAIRING, Mode.ALLOWLIST, Mode.OPEN)) {
            for (String sender : List.of("tg-alice", "tg-stranger", "tg-listed")) {
                assertThat(decide(mode, Groups.OFF, ChatKind.GROUP, sender)).as(mode + " " + sender)
                        .isInstanceOf(Refused.class);
            }
            assertThat(decide(mode, Groups.OFF, ChatKind.DIRECT, "tg-alice"))
                    .isEqualTo(new Allowed(ALICE, Role.USER, false));
        }
        assertThat(pairingRequests).isEmpty();
    }

    @Test
    void aLinkedActiveUserSpeaksAsThemselvesWithTheirRoleInEveryModeAndChat() {
        linked.put("tg-owner", OWNER);
        for (Mode mode : List.of(Mode.PAIRING, Mode.ALLOWLIST, Mode.OPEN)) {
            for (ChatKind chat : ChatKind.values()) {
                assertThat(decide(mode, Groups.MENTION, chat, "tg-alice")).as(mode + " " + chat)
                        .isEqualTo(new Allowed(ALICE, Role.USER, false));
                assertThat(decide(mode, Groups.ALL, chat, "tg-owner")).as(mode + " " + chat)
                        .isEqualTo(new Allowed(OWNER, Role.ADMIN, false));
            }
        }
    }

    @Test
    void aSenderLinkedToADisabledUserIsRefusedEvenWhereStrangersAreLetIn() {
        for (Mode mode : Mode.values()) {
            for (ChatKind chat : ChatKind.values()) {
                assertThat(decide(mode, Groups.ALL, chat, "tg-mallory")).as(mode + " " + chat)
                        .isInstanceOf(Refused.class);
            }
        }
        assertThat(pairingRequests).isEmpty();
    }

    @Test
    void openModeGivesAStrangerAChatAccountOfTheirOwnNeverTheOwners() {
        for (ChatKind chat : ChatKind.values()) {
            linked.remove("tg-stranger");
            assertThat(decide(Mode.OPEN, Groups.ALL, chat, "tg-stranger"))
                    .isEqualTo(new Allowed("account-of-tg-stranger", Role.USER, true));
        }
        assertThat(linked).containsEntry("tg-stranger", "account-of-tg-stranger");
        assertThat(decide(Mode.OPEN, Groups.ALL, ChatKind.DIRECT, "tg-stranger"))
                .isEqualTo(new Allowed("account-of-tg-stranger", Role.USER, false));
    }

    @Test
    void aStrangerWhoseChatAccountWasDisabledIsRefused() {
        disabledAccounts.add("account-of-tg-stranger");
        assertThat(decide(Mode.OPEN, Groups.ALL, ChatKind.DIRECT, "tg-stranger")).isInstanceOf(Refused.class);
    }

    @Test
    void allowlistModeLetsInOnlyListedStrangersAsGuestsInEveryChat() {
        for (ChatKind chat : ChatKind.values()) {
            assertThat(decide(Mode.ALLOWLIST, Groups.ALL, chat, "tg-listed"))
                    .isEqualTo(new Allowed("account-of-tg-listed", Role.USER, true));
            linked.remove("tg-listed");
            assertThat(decide(Mode.ALLOWLIST, Groups.ALL, chat, "tg-stranger")).isInstanceOf(Refused.class);
        }
        assertThat(pairingRequests).isEmpty();
    }

    @Test
    void pairingModeLetsListedStrangersInAndGivesOthersACodeInDirectChatsOnly() {
        for (ChatKind chat : ChatKind.values()) {
            assertThat(decide(Mode.PAIRING, Groups.ALL, chat, "tg-listed"))
                    .isEqualTo(new Allowed("account-of-tg-listed", Role.USER, true));
            linked.remove("tg-listed");
        }
        assertThat(decide(Mode.PAIRING, Groups.ALL, ChatKind.DIRECT, "tg-stranger"))
                .isEqualTo(new PairingRequired("ABCDEFGH", true));
        assertThat(pairingRequests).singleElement().extracting(IncomingMessage::senderId).isEqualTo("tg-stranger");

        assertThat(decide(Mode.PAIRING, Groups.ALL, ChatKind.GROUP, "tg-stranger")).isInstanceOf(Refused.class);
        assertThat(pairingRequests).hasSize(1);
    }

    @Test
    void pairingModeRefusesAStrangerWhenNoCodeCanBeGiven() {
        pairingAnswer = new Refused("too many pairing codes are waiting for an admin");
        assertThat(decide(Mode.PAIRING, Groups.ALL, ChatKind.DIRECT, "tg-stranger")).isEqualTo(pairingAnswer);
    }

    @Test
    void linkingIsHandedToTheIdentities() {
        assertThat(access.link("telegram", "tg-new", "New", "GOOD-CODE-1234")).contains("Alice");
        assertThat(access.link("telegram", "tg-new", "New", "WRONG")).isEmpty();
    }

    private AccessDecision decide(Mode mode, Groups groups, ChatKind chat, String sender) {
        AccessPolicy policy = new AccessPolicy(mode, List.of("tg-listed"), groups,
                AccessPolicy.GroupConversations.SHARED);
        return access.decide(message(chat, sender), policy);
    }

    private static IncomingMessage message(ChatKind chat, String sender) {
        return new IncomingMessage("telegram", "bot", chat == ChatKind.DIRECT ? sender : "group-1", null, chat,
                sender, "Someone", "update-1", "1", "hello", List.of(), true, null, Instant.EPOCH);
    }

    private final class FakeIdentities implements DefaultPlatformAccess.Identities {

        @Override
        public Optional<String> userOf(String platform, String platformUserId) {
            return Optional.ofNullable(linked.get(platformUserId));
        }

        @Override
        public Optional<String> link(String platform, String senderId, String senderName, String code) {
            return code.equals("GOOD-CODE-1234") ? Optional.of("Alice") : Optional.empty();
        }

        @Override
        public String provision(String platform, String senderId, String senderName) {
            String account = "account-of-" + senderId;
            linked.put(senderId, account);
            if (!disabledAccounts.contains(account)) {
                activeUsers.put(account, Role.USER);
            }
            return account;
        }
    }

    private final class FakeUsers implements UserService {

        @Override
        public Optional<Preferences> preferences(String userId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> displayName(String userId) {
            return Optional.empty();
        }

        @Override
        public Optional<Role> activeRole(String userId) {
            return Optional.ofNullable(activeUsers.get(userId));
        }

        @Override
        public String chatAccount(String username, String displayName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Preferences updatePreferences(Principal me, Preferences preferences) {
            throw new UnsupportedOperationException();
        }
    }
}
