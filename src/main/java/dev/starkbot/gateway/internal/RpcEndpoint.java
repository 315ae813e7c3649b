package dev.starkbot.gateway.internal;

import java.util.List;

import org.springframework.web.method.HandlerMethod;

/**
 * A REST endpoint offered as a JSON-RPC method.
 *
 * @param pattern the endpoint's path pattern, filled with the call's path parameters for the permission check
 * @param params  the method's named parameters, for binding and for {@code rpc.discover}
 */
record RpcEndpoint(String name, String description, String httpMethod, String pattern, HandlerMethod handler,
                   List<RpcParam> params) {

    /**
     * @param source where the value goes: a path variable, a query parameter, a field of the request body, or the
     *               whole body
     */
    record RpcParam(String name, Source source, Class<?> type, boolean required, int index) {
    }

    enum Source {
        PATH,
        QUERY,
        BODY_FIELD
    }
}
