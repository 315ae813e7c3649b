package dev.starkbot.user.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;

import dev.starkbot.shared.LiveProperties;
import dev.starkbot.user.RateLimitProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one security filter chain: stateless (no HTTP session; every request carries its credential), credentials
 * resolved by {@link CredentialAuthenticationFilter}, rate limits, every request authorised by the permission
 * matrix, CSRF tokens required only of cookie-authenticated changes. Refusals go through {@code sendError}, so
 * they are rendered as problem documents by the same error page as everything else. The two filters are created
 * here rather than as beans, so that Spring Boot does not also register them as servlet filters outside the chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    /** Rate limits follow edits of config.toml without a restart. */
    @Bean
    LiveProperties<RateLimitProperties> liveRateLimits(RateLimitProperties initial, Environment environment) {
        return new LiveProperties<>(RateLimitProperties.class, "starkbot.rate-limit", initial, environment);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SessionService sessions, ApiKeyService apiKeys,
                                            PermissionMatrix matrix, LiveProperties<RateLimitProperties> rateLimits,
                                            ApplicationContext context) throws Exception {
        CredentialAuthenticationFilter credentials = new CredentialAuthenticationFilter(sessions, apiKeys);
        RateLimitFilter rateLimit = new RateLimitFilter(rateLimits, matrix);
        http
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(csrf -> csrf.spa().requireCsrfProtectionMatcher(
                        request -> CredentialAuthenticationFilter.needsCsrfToken(request, matrix)))
                .addFilterBefore(credentials, AnonymousAuthenticationFilter.class)
                .addFilterAfter(rateLimit, CredentialAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .anyRequest().access(new MatrixAuthorizationManager(matrix, context)))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> {
                            if (isPageVisit(request)) {
                                // a person opening a dashboard page: the sign-in page, then back here
                                response.sendRedirect("/login?next=" + URLEncoder.encode(request.getRequestURI(),
                                        StandardCharsets.UTF_8));
                                return;
                            }
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"starkbot\"");
                            response.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                                    request.getAttribute(CredentialAuthenticationFilter.REJECTED) != null
                                            ? "The credential is invalid, expired or revoked"
                                            : "Sign in, or send an API key as Authorization: Bearer");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            if (!(e instanceof CsrfException) && isPageVisit(request)) {
                                // a person opening a page their role does not open: a page that says so
                                response.sendRedirect("/forbidden");
                                return;
                            }
                            response.sendError(HttpServletResponse.SC_FORBIDDEN, e instanceof CsrfException
                                    ? "Missing or invalid CSRF token: send the XSRF-TOKEN cookie's value "
                                    + "in the X-XSRF-TOKEN header"
                                    : "Your role does not allow this");
                        }));
        return http.build();
    }

    /**
     * A browser asking for a page (not the API, not a script): it gets a redirect, where a client gets a 401 or a
     * 403.
     */
    private static boolean isPageVisit(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return "GET".equals(request.getMethod()) && !request.getRequestURI().startsWith("/api/")
                && accept != null && accept.contains("text/html");
    }
}
