package dev.starkbot.user.internal;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.shared.ClientAddress;
import dev.starkbot.user.AccountException;
import dev.starkbot.user.AccountsProperties;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Principal.CredentialKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    /**
     * @param cookie true for the dashboard: the session travels in an HttpOnly cookie and the token is not returned
     */
    record LoginRequest(@NotBlank @Size(max = 128) @Pattern(regexp = "[^\\p{Cntrl}]+",
                                message = "must not contain control characters") String username,
                        @NotBlank @Size(max = 256) String password,
                        @Nullable Boolean cookie) {

        @Override
        public String toString() {
            return "LoginRequest[username=" + username + ", password=[REDACTED], cookie=" + cookie + "]";
        }
    }

    /** {@code token} is absent in cookie mode: script-readable tokens are what a cookie session avoids. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginResponse(@Nullable String token, SessionService.SessionView session, UserView user) {

        @Override
        public String toString() {
            return "LoginResponse[token=[REDACTED], session=" + session.id() + ", user=" + user.id() + "]";
        }
    }

    record RegisterRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}",
                    message = "3 to 64 letters, digits, dots, dashes or underscores") String username,
            @Size(max = 128) @Nullable String displayName,
            @NotBlank @Size(max = 256) String password,
            @Size(max = 200) @Nullable String inviteCode) {

        @Override
        public String toString() {
            return "RegisterRequest[username=" + username + ", password=[REDACTED], inviteCode=[REDACTED]]";
        }
    }

    private final AccountService accounts;
    private final SessionService sessions;
    private final RegistrationService registration;
    private final UserAudit audit;
    private final AccountsProperties properties;

    AuthController(AccountService accounts, SessionService sessions, RegistrationService registration,
                   UserAudit audit, AccountsProperties properties) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.registration = registration;
        this.audit = audit;
        this.properties = properties;
    }

    @PostMapping("/login")
    ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest body, HttpServletRequest request,
                                        HttpServletResponse response) {
        UserRow user = accounts.authenticate(body.username(), body.password(), ClientAddress.of(request));
        boolean cookie = Boolean.TRUE.equals(body.cookie());
        SessionService.Issued issued = sessions.create(user,
                cookie ? CredentialKind.SESSION_COOKIE : CredentialKind.SESSION_BEARER, ClientAddress.of(request),
                request.getHeader(HttpHeaders.USER_AGENT));
        if (cookie) {
            // Added to the servlet response directly: a Set-Cookie header on the ResponseEntity would replace the
            // XSRF-TOKEN cookie that Spring Security adds, instead of joining it.
            response.addHeader(HttpHeaders.SET_COOKIE, sessionCookie(issued.token(), request).toString());
            touchCsrfToken(request);
        }
        return ResponseEntity.ok(new LoginResponse(cookie ? null : issued.token(), issued.session(),
                UserView.of(user)));
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@AuthenticationPrincipal Principal me, HttpServletRequest request,
                                HttpServletResponse response) {
        if (me.credential() == CredentialKind.API_KEY) {
            throw AccountException.invalid("not-a-session",
                    "An API key is not a session: revoke it with DELETE /api/keys/{id}");
        }
        sessions.revoke(me, me.credentialId());
        audit.record("logout", me, me.credentialId(), null);
        if (me.credential() == CredentialKind.SESSION_COOKIE) {
            response.addHeader(HttpHeaders.SET_COOKIE, expiredCookie(request).toString());
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/register")
    ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest body) {
        UserRow user = registration.register(body.username(), body.displayName() == null ? "" : body.displayName(),
                body.password(), body.inviteCode());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    private ResponseCookie sessionCookie(String token, HttpServletRequest request) {
        return ResponseCookie.from(CredentialAuthenticationFilter.COOKIE, token)
                .httpOnly(true).secure(request.isSecure()).sameSite("Strict").path("/")
                .maxAge(properties.sessionMaxAge()).build();
    }

    private static ResponseCookie expiredCookie(HttpServletRequest request) {
        return ResponseCookie.from(CredentialAuthenticationFilter.COOKIE, "")
                .httpOnly(true).secure(request.isSecure()).sameSite("Strict").path("/").maxAge(0).build();
    }

    /** Reading the deferred CSRF token makes Spring Security write its XSRF-TOKEN cookie on this response. */
    private static void touchCsrfToken(HttpServletRequest request) {
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
    }
}
