package dev.starkbot.gateway.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;
import dev.starkbot.user.Permissions;
import dev.starkbot.user.Principal;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls the controller method behind a JSON-RPC method, as Spring MVC would: the permission matrix first (for
 * the endpoint's method and concrete path), then binding and Bean Validation of the parameters, then the method
 * itself. Its result is serialised by the same JSON mapper as REST responses.
 */
@Component
class RpcInvoker {

    private final JsonMapper json;
    private final Validator validator;
    private final Permissions permissions;
    private final ConversionService conversion = ApplicationConversionService.getSharedInstance();

    RpcInvoker(JsonMapper json, Validator validator, Permissions permissions) {
        this.json = json;
        this.validator = validator;
        this.permissions = permissions;
    }

    JsonNode invoke(RpcEndpoint endpoint, Principal principal, JsonNode params) {
        if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
            throw new RpcFailure(RpcError.invalidParams("StarkBot's methods take named parameters (an object)"));
        }
        Set<String> known = endpoint.params().stream().map(RpcEndpoint.RpcParam::name).collect(Collectors.toSet());
        Set<String> given = new HashSet<>();
        if (params.isObject()) {
            params.propertyNames().forEach(given::add);
        }
        given.removeAll(known);
        if (!given.isEmpty()) {
            throw new RpcFailure(RpcError.invalidParams("unknown parameter(s) " + given + "; expected " + known));
        }
        String path = path(endpoint, params);
        if (!permissions.allows(principal, endpoint.httpMethod(), path)) {
            throw new RpcFailure(RpcError.of(ErrorKind.FORBIDDEN, "forbidden", "Your role does not allow this",
                    null));
        }
        HandlerMethod handler = endpoint.handler().createWithResolvedBean();
        Method method = handler.getMethod();
        Object[] args = arguments(endpoint, handler, principal, params);
        Set<ConstraintViolation<Object>> violations = validator.forExecutables()
                .validateParameters(handler.getBean(), method, args);
        if (!violations.isEmpty()) {
            throw new RpcFailure(RpcError.invalidParams(describe(violations)));
        }
        try {
            Object result = method.invoke(handler.getBean(), args);
            if (result instanceof ResponseEntity<?> entity) {
                result = entity.getBody();
            }
            return json.valueToTree(result);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof StarkBotException failure) {
                throw new RpcFailure(RpcError.of(failure));
            }
            throw new IllegalStateException("JSON-RPC method " + endpoint.name() + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object[] arguments(RpcEndpoint endpoint, HandlerMethod handler, Principal principal, JsonNode params) {
        Object[] args = new Object[handler.getMethodParameters().length];
        for (var parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType() == Principal.class) {
                args[parameter.getParameterIndex()] = principal;
            }
        }
        ObjectNode body = null;
        int bodyIndex = -1;
        for (RpcEndpoint.RpcParam param : endpoint.params()) {
            JsonNode value = params.path(param.name());
            switch (param.source()) {
                case PATH -> {
                    if (value.isMissingNode() || value.isNull()) {
                        throw new RpcFailure(RpcError.invalidParams("'" + param.name() + "' is required"));
                    }
                    args[param.index()] = convert(param, value.asString());
                }
                case QUERY -> args[param.index()] = query(handler, param, value);
                case BODY_FIELD -> {
                    if (body == null) {
                        body = json.createObjectNode();
                        bodyIndex = param.index();
                    }
                    if (!value.isMissingNode()) {
                        body.set(param.name(), value);
                    }
                }
            }
        }
        if (body != null) {
            Class<?> type = handler.getMethodParameters()[bodyIndex].getParameterType();
            try {
                Object bound = json.treeToValue(body, type);
                Set<ConstraintViolation<Object>> violations = validator.validate(bound);
                if (!violations.isEmpty()) {
                    throw new RpcFailure(RpcError.invalidParams(describe(violations)));
                }
                args[bodyIndex] = bound;
            } catch (JacksonException e) {
                String field = e.getPath().stream().map(r -> r.getPropertyName() == null ? "[" + r.getIndex() + "]"
                        : r.getPropertyName()).collect(Collectors.joining("."));
                throw new RpcFailure(RpcError.invalidParams(field.isEmpty() ? "parameters have the wrong shape"
                        : "invalid value for '" + field + "'"));
            }
        }
        return args;
    }

    private Object query(HandlerMethod handler, RpcEndpoint.RpcParam param, JsonNode value) {
        RequestParam annotation = handler.getMethodParameters()[param.index()]
                .getParameterAnnotation(RequestParam.class);
        String raw = value.isMissingNode() || value.isNull() ? null : value.asString();
        if (raw == null && annotation != null && !annotation.defaultValue().equals(ValueConstants.DEFAULT_NONE)) {
            raw = annotation.defaultValue();
        }
        if (raw == null) {
            if (param.required()) {
                throw new RpcFailure(RpcError.invalidParams("'" + param.name() + "' is required"));
            }
            return null;
        }
        return convert(param, raw);
    }

    private Object convert(RpcEndpoint.RpcParam param, String raw) {
        try {
            return conversion.convert(raw, param.type());
        } catch (ConversionException | IllegalArgumentException e) {
            throw new RpcFailure(RpcError.invalidParams("invalid value for '" + param.name() + "'"));
        }
    }

    private static String path(RpcEndpoint endpoint, JsonNode params) {
        String path = endpoint.pattern();
        for (RpcEndpoint.RpcParam param : endpoint.params()) {
            if (param.source() == RpcEndpoint.Source.PATH) {
                String value = params.path(param.name()).asString("");
                path = path.replace("{" + param.name() + "}", URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return path;
    }

    private static String describe(Set<ConstraintViolation<Object>> violations) {
        List<String> messages = violations.stream()
                .map(v -> leaf(v.getPropertyPath().toString()) + " " + v.getMessage()).sorted().toList();
        return String.join("; ", messages);
    }

    /** "create.arg1.name" (executable validation) reads better as "name". */
    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

}
