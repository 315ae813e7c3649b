package dev.starkbot.gateway.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.starkbot.shared.RpcMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Finds the controller methods marked {@link RpcMethod} in Spring MVC's own handler mappings and describes their
 * parameters. A marked method whose parameters the gateway cannot supply (a servlet request, say) stops start-up:
 * silently leaving a capability out of one door is what this design exists to prevent.
 */
@Component
class RpcRegistry implements SmartInitializingSingleton {

    private final ApplicationContext context;
    private volatile @Nullable Map<String, RpcEndpoint> endpoints;

    RpcRegistry(ApplicationContext context) {
        this.context = context;
    }

    /** After every singleton, Spring MVC's mappings included, exists: a bad marker fails the start, not a call. */
    @Override
    public void afterSingletonsInstantiated() {
        if (context.containsBean("requestMappingHandlerMapping")) {
            all();
        }
    }

    @Nullable RpcEndpoint find(String name) {
        return all().get(name);
    }

    Map<String, RpcEndpoint> all() {
        Map<String, RpcEndpoint> found = endpoints;
        if (found == null) {
            found = scan();
            endpoints = found;
        }
        return found;
    }

    private Map<String, RpcEndpoint> scan() {
        Map<String, RpcEndpoint> found = new TreeMap<>();
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RpcMethod marker = entry.getValue().getMethodAnnotation(RpcMethod.class);
            if (marker == null) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            List<RequestMethod> methods = List.copyOf(info.getMethodsCondition().getMethods());
            String pattern = info.getPatternValues().iterator().next();
            String httpMethod = methods.isEmpty() ? "GET" : methods.getFirst().name();
            RpcEndpoint endpoint = new RpcEndpoint(marker.value(), marker.description(), httpMethod, pattern,
                    entry.getValue(), params(entry.getValue()));
            if (found.put(marker.value(), endpoint) != null) {
                throw new IllegalStateException("Two endpoints claim the JSON-RPC method " + marker.value());
            }
        }
        return found;
    }

    private static List<RpcEndpoint.RpcParam> params(HandlerMethod handler) {
        List<RpcEndpoint.RpcParam> params = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            if (parameter.hasParameterAnnotation(AuthenticationPrincipal.class)) {
                continue;
            }
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            int index = parameter.getParameterIndex();
            if (path != null) {
                params.add(new RpcEndpoint.RpcParam(name(path.value(), parameter), RpcEndpoint.Source.PATH,
                        parameter.getParameterType(), true, index));
            } else if (query != null) {
                params.add(new RpcEndpoint.RpcParam(name(query.value(), parameter), RpcEndpoint.Source.QUERY,
                        parameter.getParameterType(),
                        query.required() && query.defaultValue().equals(ValueConstants.DEFAULT_NONE), index));
            } else if (parameter.hasParameterAnnotation(RequestBody.class)
                    && parameter.getParameterType().isRecord()) {
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    boolean required = component.isAnnotationPresent(NotNull.class)
                            || component.isAnnotationPresent(NotBlank.class)
                            || component.isAnnotationPresent(NotEmpty.class);
                    params.add(new RpcEndpoint.RpcParam(component.getName(), RpcEndpoint.Source.BODY_FIELD,
                            component.getType(), required, index));
                }
            } else {
                throw new IllegalStateException(handler + " is marked @RpcMethod but its parameter "
                        + parameter.getParameterName() + " cannot be supplied over JSON-RPC");
            }
        }
        return params;
    }

    private static String name(String declared, MethodParameter parameter) {
        return declared.isEmpty() ? String.valueOf(parameter.getParameterName()) : declared;
    }
}
