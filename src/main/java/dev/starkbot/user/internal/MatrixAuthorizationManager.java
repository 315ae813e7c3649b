package dev.starkbot.user.internal;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import dev.starkbot.user.PermissionRule;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides every request from the {@link PermissionMatrix}. A path no rule covers is not an endpoint: start-up
 * verified that every mapped endpoint has a rule ({@link PermissionMatrixVerifier}), and Spring Security's firewall
 * has already refused the encodings that could make the two disagree. So it is let through, to become the same
 * 404 for everyone.
 */
class MatrixAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private final PermissionMatrix matrix;

    MatrixAuthorizationManager(PermissionMatrix matrix) {
        this.matrix = matrix;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        Optional<PermissionRule> rule = matrix.find(request.getMethod(), path(request));
        Authentication auth = authentication.get();
        boolean signedIn = auth instanceof PrincipalAuthentication;
        if (rule.isEmpty() || rule.get().access().anonymous()) {
            return new AuthorizationDecision(true);
        }
        return new AuthorizationDecision(signedIn
                && rule.get().access().allows(((PrincipalAuthentication) auth).getPrincipal().role()));
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
