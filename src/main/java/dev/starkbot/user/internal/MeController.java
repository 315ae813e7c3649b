package dev.starkbot.user.internal;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.shared.RpcMethod;
import dev.starkbot.shared.ClientAddress;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The caller's own account: profile, preferences, password and sessions. */
@RestController
class MeController {

    record Me(UserView user, String credential, String credentialId) {
    }

    /** Absent fields stay as they are. */
    record ProfileChange(@Size(max = 128) @Nullable String displayName, @Size(max = 64) @Nullable String timeZone,
                         @Size(max = 35) @Nullable String locale, @Size(max = 64) @Nullable String defaultPersona,
                         @Size(max = 128) @Nullable String defaultModel) {
    }

    record PasswordChange(@NotBlank @Size(max = 256) String currentPassword,
                          @NotBlank @Size(max = 256) String newPassword) {

        @Override
        public String toString() {
            return "PasswordChange[currentPassword=[REDACTED], newPassword=[REDACTED]]";
        }
    }

    private final AccountService accounts;
    private final SessionService sessions;
    private final UserAudit audit;

    MeController(AccountService accounts, SessionService sessions, UserAudit audit) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GetMapping("/api/me")
    @RpcMethod(value = "me.get", description = "Who the caller is: their account, preferences and credential")
    Me me(@AuthenticationPrincipal Principal me) {
        return new Me(UserView.of(accounts.get(me.userId())), me.credential().name().toLowerCase(Locale.ROOT),
                me.credentialId());
    }

    @PatchMapping("/api/me")
    @RpcMethod(value = "me.update", description = "Change the caller's display name and preferences")
    UserView update(@AuthenticationPrincipal Principal me, @Valid @RequestBody ProfileChange change) {
        Preferences current = accounts.get(me.userId()).preferences();
        Preferences merged = new Preferences(
                change.timeZone() != null ? change.timeZone() : current.timeZone(),
                change.locale() != null ? change.locale() : current.locale(),
                change.defaultPersona() != null ? blankToNull(change.defaultPersona()) : current.defaultPersona(),
                change.defaultModel() != null ? blankToNull(change.defaultModel()) : current.defaultModel());
        return UserView.of(accounts.updateOwn(me, change.displayName(), merged));
    }

    @PostMapping("/api/me/password")
    @RpcMethod(value = "me.password", description = "Change the caller's password; other sessions end")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal Principal me,
                                        @Valid @RequestBody PasswordChange change) {
        String address = ClientAddress.current();
        accounts.changePassword(me, change.currentPassword(), change.newPassword(),
                address == null ? "unknown" : address);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/sessions")
    @RpcMethod(value = "sessions.list", description = "The caller's live sessions")
    List<SessionService.SessionView> sessions(@AuthenticationPrincipal Principal me) {
        return sessions.list(me);
    }

    @DeleteMapping("/api/sessions/{id}")
    @RpcMethod(value = "sessions.revoke", description = "End one of the caller's sessions")
    ResponseEntity<Void> revokeSession(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        sessions.revoke(me, id);
        audit.record("session.revoked", me, id, null);
        return ResponseEntity.noContent().build();
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value.strip();
    }
}
