package dev.starkbot.user.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import jakarta.servlet.http.HttpServletRequest;

import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;

/**
 * THE permission matrix: who may call which endpoint. Every HTTP request is authorised against it and nothing
 * else; controllers hold no role checks. Rules are tried in order and the first match decides. Start-up fails
 * when a mapped endpoint has no rule ({@link PermissionMatrixVerifier}), so a new endpoint cannot ship unguarded,
 * and a test walks every endpoint as every role against this table.
 *
 * <p>Owner checks ("only your own sessions") are not here but in the queries, which always filter by the caller's
 * user id, so that a guessed id finds nothing.
 */
@Component
class PermissionMatrix {

    static final List<PermissionRule> DECLARED = List.of(
            // Operations
            PermissionRule.of("GET", "/health", Access.PUBLIC),
            PermissionRule.of("GET", "/metrics", Access.OWN_GUARD),
            PermissionRule.of(null, "/error", Access.PUBLIC),
            // The WebSocket gateway authenticates at the upgrade or with its first frame, and checks every
            // method against this matrix through the endpoint behind it.
            PermissionRule.of("GET", "/ws", Access.OWN_GUARD),
            PermissionRule.of("GET", "/api/events", Access.READ),
            // Getting in
            PermissionRule.auth("GET", "/api/setup"),
            PermissionRule.auth("POST", "/api/setup"),
            PermissionRule.auth("POST", "/api/auth/login"),
            PermissionRule.auth("POST", "/api/auth/register"),
            PermissionRule.sessionOnly("POST", "/api/auth/logout", Access.SELF),
            // One's own account
            PermissionRule.of("GET", "/api/me", Access.READ),
            PermissionRule.of("PATCH", "/api/me", Access.WRITE),
            PermissionRule.sessionOnly("POST", "/api/me/password", Access.SELF),
            PermissionRule.of("GET", "/api/sessions", Access.SELF),
            PermissionRule.sessionOnly("DELETE", "/api/sessions/{id}", Access.SELF),
            PermissionRule.of("GET", "/api/keys", Access.READ),
            PermissionRule.sessionOnly("POST", "/api/keys", Access.WRITE),
            PermissionRule.of("DELETE", "/api/keys/{id}", Access.WRITE),
            // Settings: the schema and one's own for everyone signed in, global ones for admins
            PermissionRule.of("GET", "/api/settings/schema", Access.READ),
            PermissionRule.of("GET", "/api/settings/user", Access.READ),
            PermissionRule.of("PUT", "/api/settings/user/{key}", Access.WRITE),
            PermissionRule.of("DELETE", "/api/settings/user/{key}", Access.WRITE),
            PermissionRule.of(null, "/api/settings/global/**", Access.ADMIN),
            // Conversations, their messages, memory and search: one's own
            PermissionRule.of("GET", "/api/conversations", Access.READ),
            PermissionRule.of("POST", "/api/conversations", Access.WRITE),
            PermissionRule.of("GET", "/api/conversations/search", Access.READ),
            PermissionRule.of("GET", "/api/conversations/{id}", Access.READ),
            PermissionRule.of("PATCH", "/api/conversations/{id}", Access.WRITE),
            PermissionRule.of("DELETE", "/api/conversations/{id}", Access.WRITE),
            PermissionRule.of("GET", "/api/conversations/{id}/messages", Access.READ),
            PermissionRule.of("POST", "/api/conversations/{id}/messages", Access.WRITE),
            PermissionRule.of("POST", "/api/conversations/{id}/files", Access.WRITE),
            PermissionRule.of("POST", "/api/conversations/{id}/abort", Access.WRITE),
            PermissionRule.of("POST", "/api/conversations/{id}/compact", Access.WRITE),
            PermissionRule.of("GET", "/api/conversations/{id}/summaries", Access.READ),
            PermissionRule.of("POST", "/api/conversations/{id}/summaries/{summaryId}/undo", Access.WRITE),
            PermissionRule.of("GET", "/api/facts", Access.READ),
            PermissionRule.of("POST", "/api/facts", Access.WRITE),
            PermissionRule.of("DELETE", "/api/facts/{id}", Access.WRITE),
            // Usage: one's own; everyone's and budgets under /api/admin
            PermissionRule.of("GET", "/api/usage", Access.READ),
            // Personas: one's own, and the built-in default; a preview stores nothing but renders for the caller
            PermissionRule.of("GET", "/api/personas", Access.READ),
            PermissionRule.of("POST", "/api/personas", Access.WRITE),
            PermissionRule.of("POST", "/api/personas/preview", Access.WRITE),
            PermissionRule.of("GET", "/api/personas/{id}", Access.READ),
            PermissionRule.of("PUT", "/api/personas/{id}", Access.WRITE),
            PermissionRule.of("DELETE", "/api/personas/{id}", Access.WRITE),
            // The commands one may type in a chat (they run as chat messages)
            PermissionRule.of("GET", "/api/commands", Access.READ),
            // Background jobs: one's own
            PermissionRule.of("GET", "/api/jobs", Access.READ),
            PermissionRule.of("GET", "/api/jobs/{id}", Access.READ),
            PermissionRule.of("POST", "/api/jobs/{id}/cancel", Access.WRITE),
            PermissionRule.of("POST", "/api/jobs/{id}/retry", Access.WRITE),
            // Scheduled tasks: one's own; a preview changes nothing, so reading is enough
            PermissionRule.of("GET", "/api/schedules", Access.READ),
            PermissionRule.of("POST", "/api/schedules", Access.WRITE),
            PermissionRule.of("POST", "/api/schedules/preview", Access.READ),
            PermissionRule.of("GET", "/api/schedules/{id}", Access.READ),
            PermissionRule.of("PUT", "/api/schedules/{id}", Access.WRITE),
            PermissionRule.of("DELETE", "/api/schedules/{id}", Access.WRITE),
            PermissionRule.of("POST", "/api/schedules/{id}/enable", Access.WRITE),
            PermissionRule.of("POST", "/api/schedules/{id}/disable", Access.WRITE),
            // Chat platforms: admins answer pairing requests; everyone manages their own linked identities. A link
            // code makes a platform account act as the caller, so, like an API key, only a person signed in mints
            // one: a leaked key cannot tie a stranger's Telegram to the account for good.
            PermissionRule.of("GET", "/api/platforms/pairings", Access.ADMIN),
            PermissionRule.of("POST", "/api/platforms/pairings/{code}/approve", Access.ADMIN),
            PermissionRule.of("DELETE", "/api/platforms/pairings/{code}", Access.ADMIN),
            PermissionRule.of("GET", "/api/platforms/identities", Access.READ),
            PermissionRule.of("DELETE", "/api/platforms/identities/{platform}/{platformUserId}", Access.WRITE),
            PermissionRule.sessionOnly("POST", "/api/platforms/link-codes", Access.WRITE),
            // Adding the Discord bot to a server: the link's state lets its callback in, which is public
            PermissionRule.of("GET", "/api/platforms/discord/install", Access.ADMIN),
            // Administration
            PermissionRule.of(null, "/api/admin/**", Access.ADMIN));

    private static final String LOOKUP = PermissionMatrix.class.getName() + ".lookup";

    private record Compiled(PermissionRule rule, PathPattern pattern) {
    }

    private final List<Compiled> rules;

    PermissionMatrix(ObjectProvider<PermissionRule> extra) {
        List<PermissionRule> all = new ArrayList<>(DECLARED);
        extra.orderedStream().forEach(all::add);
        this.rules = all.stream()
                .map(rule -> new Compiled(rule, PathPatternParser.defaultInstance.parse(rule.pattern())))
                .toList();
    }

    Optional<PermissionRule> find(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (Compiled compiled : rules) {
            String ruleMethod = compiled.rule().method();
            if ((ruleMethod == null || ruleMethod.equalsIgnoreCase(method) || headMatchesGet(method, ruleMethod))
                    && compiled.pattern().matches(container)) {
                return Optional.of(compiled.rule());
            }
        }
        return Optional.empty();
    }

    /**
     * The rule for an HTTP request, looked up once per request: the CSRF check, the rate limit and the
     * authorisation all ask, and an error dispatch of the same request (another path) gets its own lookup.
     */
    Optional<PermissionRule> find(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (request.getAttribute(LOOKUP) instanceof Lookup cached && cached.method().equals(request.getMethod())
                && cached.path().equals(path)) {
            return cached.rule();
        }
        Optional<PermissionRule> rule = find(request.getMethod(), path);
        request.setAttribute(LOOKUP, new Lookup(request.getMethod(), path, rule));
        return rule;
    }

    private record Lookup(String method, String path, Optional<PermissionRule> rule) {
    }

    List<PermissionRule> rules() {
        return rules.stream().map(Compiled::rule).toList();
    }

    /** The rate-limit group of a request: the rule's own, else by method; null means not limited. */
    static String rateGroup(@Nullable PermissionRule rule, String method) {
        if (rule != null && rule.rateGroup() != null) {
            return rule.rateGroup();
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> "read";
            default -> "write";
        };
    }

    private static boolean headMatchesGet(String method, String ruleMethod) {
        return method.equalsIgnoreCase("HEAD") && ruleMethod.equalsIgnoreCase("GET");
    }
}
