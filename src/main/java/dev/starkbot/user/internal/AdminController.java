package dev.starkbot.user.internal;

import java.time.Instant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.shared.RpcMethod;
import dev.starkbot.audit.AuditLog;
import dev.starkbot.user.AccountException;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** User management, invites and the audit log; the matrix admits admins only under /api/admin. */
@RestController
@RequestMapping("/api/admin")
class AdminController {

    record CreateUser(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}",
                              message = "3 to 64 letters, digits, dots, dashes or underscores") String username,
                      @Size(max = 128) @Nullable String displayName,
                      @NotBlank @Size(max = 256) String password,
                      @NotNull Role role) {

        @Override
        public String toString() {
            return "CreateUser[username=" + username + ", role=" + role + ", password=[REDACTED]]";
        }
    }

    /** @param status {@code active} or {@code disabled}; absent fields stay as they are */
    record UpdateUser(@Nullable Role role, @Pattern(regexp = "active|disabled") @Nullable String status,
                      @Size(max = 128) @Nullable String displayName) {
    }

    record CreateInvite(@NotNull Role role, @Min(1) @Max(24 * 30) @Nullable Integer validHours) {
    }

    private static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private final AccountService accounts;
    private final InviteService invites;
    private final UserAudit audit;

    AdminController(AccountService accounts, InviteService invites, UserAudit audit) {
        this.accounts = accounts;
        this.invites = invites;
        this.audit = audit;
    }

    @GetMapping("/users")
    @RpcMethod(value = "admin.users.list", description = "All accounts")
    List<UserView> users(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
                         @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return accounts.list(limit, offset).stream().map(UserView::of).toList();
    }

    @PostMapping("/users")
    @RpcMethod(value = "admin.users.create", description = "Create an account")
    ResponseEntity<UserView> create(@AuthenticationPrincipal Principal admin, @Valid @RequestBody CreateUser body) {
        UserRow user = accounts.create(body.username(), body.displayName() == null ? "" : body.displayName(),
                body.password(), body.role(), UserRow.Status.ACTIVE);
        audit.record("user.created", admin, user.id(), "role=" + user.role().id());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    @GetMapping("/users/{id}")
    @RpcMethod(value = "admin.users.get", description = "One account")
    UserView user(@PathVariable String id) {
        return UserView.of(accounts.get(id));
    }

    @PatchMapping("/users/{id}")
    @RpcMethod(value = "admin.users.update", description = "Change an account's role, status or display name")
    UserView update(@AuthenticationPrincipal Principal admin, @PathVariable String id,
                    @Valid @RequestBody UpdateUser body) {
        UserRow.Status status = body.status() == null ? null
                : UserRow.Status.valueOf(body.status().toUpperCase(Locale.ROOT));
        return UserView.of(accounts.adminUpdate(admin, id, body.role(), status, body.displayName()));
    }

    @PostMapping("/users/{id}/approve")
    @RpcMethod(value = "admin.users.approve", description = "Approve a pending account")
    UserView approve(@AuthenticationPrincipal Principal admin, @PathVariable String id) {
        if (accounts.get(id).status() != UserRow.Status.PENDING) {
            throw AccountException.conflict("not-pending", "The account is not waiting for approval");
        }
        return UserView.of(accounts.adminUpdate(admin, id, null, UserRow.Status.ACTIVE, null));
    }

    @GetMapping("/invites")
    @RpcMethod(value = "admin.invites.list", description = "All invites (never the codes)")
    List<InviteService.InviteView> invites() {
        return invites.list();
    }

    /** The only response that ever contains the invite code itself. */
    @PostMapping("/invites")
    @RpcMethod(value = "admin.invites.create", description = "Create an invite; the only answer that contains the code")
    ResponseEntity<InviteService.Created> invite(@AuthenticationPrincipal Principal admin,
                                                 @Valid @RequestBody CreateInvite body) {
        Duration validFor = Duration.ofHours(body.validHours() == null ? 72 : body.validHours());
        return ResponseEntity.status(HttpStatus.CREATED).body(invites.create(admin, body.role(), validFor));
    }

    @DeleteMapping("/invites/{id}")
    @RpcMethod(value = "admin.invites.revoke", description = "Withdraw an unused invite")
    ResponseEntity<Void> revokeInvite(@AuthenticationPrincipal Principal admin, @PathVariable String id) {
        invites.revoke(admin, id);
        return ResponseEntity.noContent().build();
    }

    /** Newest first; pass the oldest {@code at} of a page as {@code before} for the next. */
    @GetMapping("/audit")
    @RpcMethod(value = "admin.audit.list", description = "The audit log, newest first")
    List<AuditLog.Entry> audit(@RequestParam(required = false) @Size(max = 64) @Nullable String type,
                               @RequestParam(required = false) @Nullable Instant before,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        if (before != null && (before.isBefore(Instant.EPOCH) || before.isAfter(LATEST))) {
            throw AccountException.invalid("invalid-request", "before must be an instant between 1970 and 9999");
        }
        return audit.list(type, before, limit);
    }
}
