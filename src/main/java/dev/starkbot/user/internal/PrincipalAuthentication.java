package dev.starkbot.user.internal;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.starkbot.user.Principal;

/** Spring Security's view of a {@link Principal}; controllers receive the principal itself. */
final class PrincipalAuthentication extends AbstractAuthenticationToken {

    private final Principal principal;

    PrincipalAuthentication(Principal principal) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Principal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.username();
    }
}
