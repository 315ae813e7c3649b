package dev.starkbot.user.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Refuses to start when an endpoint has no line in the permission matrix. Deny-by-default at run time would turn a
 * forgotten rule into a puzzling 403; failing the start turns it into a message for the developer who added the
 * endpoint, before any user can reach it.
 */
@Component
class PermissionMatrixVerifier implements SmartInitializingSingleton {

    /** A mapped endpoint: one method (or null for any) and one path pattern. */
    record Endpoint(RequestMethod method, String pattern) {
    }

    private final ApplicationContext context;
    private final PermissionMatrix matrix;

    PermissionMatrixVerifier(ApplicationContext context, PermissionMatrix matrix) {
        this.context = context;
        this.matrix = matrix;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> unguarded = endpoints(context).stream()
                .filter(endpoint -> matrix.find(endpoint.method().name(), example(endpoint.pattern())).isEmpty())
                .map(endpoint -> endpoint.method() + " " + endpoint.pattern())
                .toList();
        if (!unguarded.isEmpty()) {
            throw new IllegalStateException("These endpoints have no rule in the permission matrix "
                    + "(dev.starkbot.user.internal.PermissionMatrix): " + unguarded);
        }
    }

    /** Every (method, pattern) the application maps, from Spring MVC's own handler mappings (actuator's too). */
    static List<Endpoint> endpoints(ApplicationContext context) {
        List<Endpoint> endpoints = new ArrayList<>();
        Map<String, RequestMappingInfoHandlerMapping> mappings =
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class);
        for (RequestMappingInfoHandlerMapping mapping : mappings.values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                var methods = info.getMethodsCondition().getMethods();
                List<RequestMethod> each = methods.isEmpty()
                        ? List.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
                        RequestMethod.DELETE)
                        : List.copyOf(methods);
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : each) {
                        endpoints.add(new Endpoint(method, pattern));
                    }
                }
            }
        }
        return endpoints;
    }

    /** A concrete path matching a pattern: each {variable} replaced by a sample value, ** and * by a segment. */
    static String example(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "x").replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000")
                .replace("/**", "/x").replace("/*", "/x");
    }
}
