package dev.starkbot.user.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.starkbot.user.Credentials;
import dev.starkbot.user.Permissions;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Principal.CredentialKind;

/** The same credential checks and the same matrix as the HTTP filter chain, for the WebSocket door. */
@Component
class DoorAccess implements Credentials, Permissions {

    private final SessionService sessions;
    private final ApiKeyService apiKeys;
    private final PermissionMatrix matrix;

    DoorAccess(SessionService sessions, ApiKeyService apiKeys, PermissionMatrix matrix) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.matrix = matrix;
    }

    @Override
    public Optional<Principal> bearer(String token) {
        if (token.startsWith(Tokens.API_KEY_PREFIX)) {
            return apiKeys.resolve(token);
        }
        return token.startsWith(Tokens.SESSION_PREFIX) ? sessions.resolve(token, CredentialKind.SESSION_BEARER)
                : Optional.empty();
    }

    @Override
    public Optional<Principal> sessionCookie(String value) {
        return sessions.resolve(value, CredentialKind.SESSION_COOKIE);
    }

    @Override
    public String cookieName() {
        return CredentialAuthenticationFilter.COOKIE;
    }

    /** Fails closed: a request no rule covers is refused here, since no 404 can follow. */
    @Override
    public boolean allows(Principal principal, String httpMethod, String path) {
        return matrix.find(httpMethod, path)
                .map(rule -> rule.access().anonymous() || (rule.access().allows(principal.role())
                        && !(rule.sessionOnly() && principal.credential() == CredentialKind.API_KEY)))
                .orElse(false);
    }
}
