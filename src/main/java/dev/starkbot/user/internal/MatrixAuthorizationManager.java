package dev.starkbot.user.internal;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import dev.starkbot.user.Principal;
import dev.starkbot.user.PermissionRule;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides every request from the {@link PermissionMatrix}. A request no rule covers is let through only when no
 * handler would serve it either, so that it becomes the same 404 for everyone; if some handler would serve it (a
 * route added without a rule, or reached by a path the rule's pattern does not match), it is refused: the matrix
 * fails closed.
 */
class MatrixAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private final PermissionMatrix matrix;
    private final ApplicationContext context;
    private volatile Collection<HandlerMapping> mappings;

    MatrixAuthorizationManager(PermissionMatrix matrix, ApplicationContext context) {
        this.matrix = matrix;
        this.context = context;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext requestContext) {
        HttpServletRequest request = requestContext.getRequest();
        Optional<PermissionRule> found = matrix.find(request);
        if (found.isEmpty()) {
            return new AuthorizationDecision(!handled(request));
        }
        PermissionRule rule = found.get();
        if (rule.access().anonymous()) {
            return new AuthorizationDecision(true);
        }
        if (!(authentication.get() instanceof PrincipalAuthentication auth)) {
            return new AuthorizationDecision(false);
        }
        Principal principal = auth.getPrincipal();
        boolean keyRefused = rule.sessionOnly() && principal.credential() == Principal.CredentialKind.API_KEY;
        return new AuthorizationDecision(!keyRefused && rule.access().allows(principal.role()));
    }

    /** Whether any of Spring MVC's handler mappings has a handler for this request. */
    private boolean handled(HttpServletRequest request) {
        if (mappings == null) {
            mappings = context.getBeansOfType(HandlerMapping.class).values();
        }
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        for (HandlerMapping mapping : mappings) {
            try {
                if (mapping.getHandler(request) != null) {
                    return true;
                }
            } catch (HttpRequestMethodNotSupportedException | HttpMediaTypeException e) {
                // The path exists but not for this method or media type: MVC answers 405/415, nothing to guard.
            } catch (Exception e) {
                return true;
            }
        }
        return false;
    }
}
