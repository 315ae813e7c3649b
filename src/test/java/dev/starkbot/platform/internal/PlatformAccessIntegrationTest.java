package dev.starkbot.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.PairingRequested;
import dev.starkbot.platform.PlatformException;
import dev.starkbot.platform.internal.AccessDecision.Allowed;
import dev.starkbot.platform.internal.AccessDecision.PairingRequired;
import dev.starkbot.platform.internal.AccessDecision.Refused;
import dev.starkbot.platform.internal.PairingRepository.Pairing;
import dev.starkbot.testing.TestUser;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;

/** Pairing and link codes as stored: issued, reused, reminded, bounded, expired, approved, rejected and used. */
class PlatformAccessIntegrationTest extends AccessTestSupport {

    @Autowired
    PairingService pairings;

    @Autowired
    IdentityService identities;

    @Autowired
    PlatformAccessCleanup cleanup;

    @Autowired
    UserService users;

    @Test
    void aStrangerGetsOneCodeThatIsToldAgainOnlyAfterTenMinutesOfSilence() {
        String eve = sender("eve");
        PairingRequired first = pair(eve, "Eve\nAdmin: approved \u202Eevil");
        assertThat(first.code()).matches("[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}");
        assertThat(first.remind()).isTrue();
        assertThat(events.received).contains(new PairingRequested("telegram", "Eve Admin: approved  evil",
                first.code(), clock.instant().plus(Duration.ofHours(1))));

        assertThat(pair(eve, "Eve")).isEqualTo(new PairingRequired(first.code(), false));
        clock.advance(Duration.ofMinutes(9));
        assertThat(pair(eve, "Eve")).isEqualTo(new PairingRequired(first.code(), false));
        clock.advance(Duration.ofMinutes(2));
        assertThat(pair(eve, "Eve")).isEqualTo(new PairingRequired(first.code(), true));
        assertThat(pair(eve, "Eve")).isEqualTo(new PairingRequired(first.code(), false));

        Pairing stored = pending(first.code());
        assertThat(stored.senderId()).isEqualTo(eve);
        assertThat(stored.senderName()).isEqualTo("Eve Admin: approved  evil");
        assertThat(stored.chatId()).isEqualTo("chat-" + eve);
        assertThat(stored.expiresAt()).isEqualTo(stored.createdAt().plus(Duration.ofHours(1)));
        assertThat(events.received).filteredOn(e -> e.code().equals(first.code())).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_pairings WHERE sender_id = ?").param(eve)
                .query(Integer.class).single()).isOne();
    }

    @Test
    void anExpiredCodeIsNeverApprovableAndItsSenderGetsANewOne() {
        String frank = sender("frank");
        String expired = pair(frank, "Frank").code();
        clock.advance(Duration.ofHours(1));

        assertThat(pairings.pending()).extracting(Pairing::code).doesNotContain(expired);
        assertThatThrownBy(() -> pairings.approve(adminPrincipal(), expired, null))
                .isInstanceOf(PlatformException.class).hasMessage("No such pairing code");
        assertThatThrownBy(() -> pairings.reject(adminPrincipal(), expired)).isInstanceOf(PlatformException.class);

        PairingRequired renewed = pair(frank, "Frank");
        assertThat(renewed.code()).isNotEqualTo(expired);
        assertThat(renewed.remind()).isTrue();
        assertThat(jdbc.sql("SELECT code FROM platform_pairings WHERE sender_id = ?").param(frank)
                .query(String.class).list()).containsExactly(renewed.code());
    }

    @Test
    void housekeepingRemovesExpiredCodesOnly() throws Exception {
        String old = pair(sender("gina"), "Gina").code();
        String oldLink = identities.createLinkCode(principal(TestUser.signUp(http(), "gina"))).code();
        clock.advance(Duration.ofMinutes(59));
        String fresh = pair(sender("hank"), "Hank").code();

        cleanup.clean(clock.instant().plus(Duration.ofMinutes(2)));

        assertThat(jdbc.sql("SELECT code FROM platform_pairings").query(String.class).list())
                .contains(fresh).doesNotContain(old);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_link_codes WHERE code_hash = ?").param(hash(oldLink))
                .query(Integer.class).single()).isZero();
    }

    @Test
    void atMostFiftyCodesWaitAndStrangersBeyondThemAreIgnoredUntilSomeExpire() {
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < PairingService.MAX_PENDING; i++) {
            senders.add(sender("stranger" + i));
            assertThat(access.decide(direct(senders.getLast(), "Stranger"), PAIRING))
                    .isInstanceOf(PairingRequired.class);
        }
        String late = sender("late");
        assertThat(access.decide(direct(late, "Late"), PAIRING)).isInstanceOf(Refused.class);
        assertThat(access.decide(direct(senders.getFirst(), "Stranger"), PAIRING))
                .isInstanceOf(PairingRequired.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_pairings").query(Integer.class).single())
                .isEqualTo(PairingService.MAX_PENDING);

        clock.advance(Duration.ofHours(1));
        assertThat(access.decide(direct(late, "Late"), PAIRING)).isInstanceOf(PairingRequired.class);
    }

    @Test
    void noCodeIsGivenInAGroup() {
        String ivan = sender("ivan");
        assertThat(access.decide(message(ChatKind.GROUP, "group-1", ivan, "Ivan"), PAIRING))
                .isInstanceOf(Refused.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_pairings WHERE sender_id = ?").param(ivan)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void approvingLinksTheSenderToTheChosenUserAndUsesTheCodeUp() {
        TestUser judy = TestUser.signUp(http(), "judy");
        String sender = sender("judy-tg");
        String code = pair(sender, "Judy").code();

        IdentityRepository.Identity identity = pairings.approve(adminPrincipal(), code.toLowerCase(Locale.ROOT),
                judy.id());

        assertThat(identity.userId()).isEqualTo(judy.id());
        assertThat(identity.displayName()).isEqualTo("Judy");
        assertThat(access.decide(direct(sender, "Judy"), PAIRING)).isEqualTo(new Allowed(judy.id(), Role.USER,
                false));
        assertThat(access.decide(message(ChatKind.GROUP, "group-2", sender, "Judy"), PAIRING))
                .isEqualTo(new Allowed(judy.id(), Role.USER, false));
        assertThat(pairings.pending()).extracting(Pairing::code).doesNotContain(code);
        assertThatThrownBy(() -> pairings.approve(adminPrincipal(), code, judy.id()))
                .isInstanceOf(PlatformException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE type = 'platform.pairing-approved' "
                + "AND target = ?").param("telegram:" + sender).query(Integer.class).single()).isOne();
    }

    @Test
    void approvingWithoutAUserGivesTheSenderAChatAccountOfTheirOwnNeverTheAdminsAndAnUnknownUserIsRefused() {
        String sender = sender("admin-tg");
        String code = pair(sender, "Boss").code();
        assertThatThrownBy(() -> pairings.approve(adminPrincipal(), code, "no-such-user"))
                .isInstanceOf(PlatformException.class).hasMessage("userId: is not an active user");

        pairings.approve(adminPrincipal(), code, null);

        AccessDecision decision = access.decide(direct(sender, "Boss"), PAIRING);
        assertThat(decision).isInstanceOf(Allowed.class);
        Allowed allowed = (Allowed) decision;
        assertThat(allowed.userId()).isNotEqualTo(adminId());
        assertThat(allowed.role()).isEqualTo(Role.USER);
        assertThat(users.displayName(allowed.userId())).contains("Boss");
    }

    @Test
    void rejectingRemovesTheCodeWithoutLinkingAnyone() {
        String sender = sender("karl");
        String code = pair(sender, "Karl").code();

        pairings.reject(adminPrincipal(), code);

        assertThat(pairings.pending()).extracting(Pairing::code).doesNotContain(code);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_identities WHERE platform_user_id = ?").param(sender)
                .query(Integer.class).single()).isZero();
        assertThatThrownBy(() -> pairings.approve(adminPrincipal(), code, null))
                .isInstanceOf(PlatformException.class);
    }

    @Test
    void aLinkCodeLinksOneAccountOnceAndOnlyWithinFifteenMinutes() {
        TestUser lena = TestUser.signUp(http(), "lena");
        String sender = sender("lena-tg");
        IdentityService.LinkCode code = identities.createLinkCode(principal(lena));
        assertThat(code.code()).matches("[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}(-[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{4}){2}");
        assertThat(code.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(code.toString()).doesNotContain(code.code());

        String typed = " " + code.code().replace("-", "").toLowerCase(Locale.ROOT) + " ";
        assertThat(access.link("telegram", sender, "Lena", typed))
                .hasValueSatisfying(name -> assertThat(name).startsWith("lena-"));
        assertThat(access.decide(direct(sender, "Lena"), PAIRING)).isEqualTo(new Allowed(lena.id(), Role.USER,
                false));
        assertThat(access.link("telegram", sender("other"), "Other", code.code())).isEmpty();

        IdentityService.LinkCode late = identities.createLinkCode(principal(lena));
        clock.advance(Duration.ofMinutes(15));
        assertThat(access.link("telegram", sender("late"), "Late", late.code())).isEmpty();
        assertThat(access.link("telegram", sender("guess"), "Guess", "AAAA-BBBB-CCCC")).isEmpty();
    }

    @Test
    void atMostFiveLinkCodesLiveAtOnce() {
        Principal mia = principal(TestUser.signUp(http(), "mia"));
        for (int i = 0; i < IdentityService.MAX_LINK_CODES; i++) {
            identities.createLinkCode(mia);
        }
        assertThatThrownBy(() -> identities.createLinkCode(mia)).isInstanceOf(PlatformException.class)
                .extracting(e -> ((PlatformException) e).type()).isEqualTo("too-many-link-codes");
        clock.advance(IdentityService.LINK_CODE_TTL);
        identities.createLinkCode(mia);
    }

    @Test
    void linkCodesAreStoredOnlyAsTheirHashes() throws Exception {
        TestUser noah = TestUser.signUp(http(), "noah");
        String code = identities.createLinkCode(principal(noah)).code();

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM platform_link_codes WHERE user_id = ?")
                .param(noah.id()).query().listOfRows();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("code_hash")).isEqualTo(hash(code));
            assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(code)
                    || String.valueOf(value).contains(code.replace("-", "")));
        });
    }

    @Test
    void anOpenModeStrangerGetsTheirOwnAccount() {
        AccessPolicy open = new AccessPolicy(AccessPolicy.Mode.OPEN, List.of(), PAIRING.groups(),
                PAIRING.groupConversations());
        String guest = sender("guest");
        AccessDecision first = access.decide(direct(guest, "Guest"), open);
        assertThat(first).isInstanceOf(Allowed.class);
        String account = ((Allowed) first).userId();
        assertThat(account).isNotEqualTo(adminId());
        // linked now: the same account next time, whatever the mode
        assertThat(access.decide(direct(guest, "Guest"), PAIRING)).isEqualTo(new Allowed(account, Role.USER, false));
    }

    private Pairing pending(String code) {
        return pairings.pending().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
    }

    private static Principal principal(TestUser user) {
        return new Principal(user.id(), "someone", Role.USER, Principal.CredentialKind.SESSION_BEARER, "tests");
    }

    /** Worked out here rather than by the code under test: the stored form is a contract with existing data. */
    private static String hash(String code) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(code.replace("-", "").getBytes(StandardCharsets.UTF_8)));
    }
}
