package dev.starkbot.gateway.internal;

import org.jspecify.annotations.Nullable;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/**
 * A JSON-RPC error object. The codes of the specification are used for what they mean; application errors use
 * one code per {@link ErrorKind}, mapped here and nowhere else, and carry {@code data.type} (the same slug as the
 * REST problem type), {@code data.retryable} and, when known, {@code data.retryAfterMs}.
 */
record RpcError(int code, String message, String type, boolean retryable, @Nullable Long retryAfterMs) {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    static RpcError parse(String why) {
        return new RpcError(PARSE_ERROR, "Parse error: " + why, "malformed-request", false, null);
    }

    static RpcError invalidRequest(String why) {
        return new RpcError(INVALID_REQUEST, "Invalid Request: " + why, "malformed-request", false, null);
    }

    static RpcError methodNotFound(String method) {
        return new RpcError(METHOD_NOT_FOUND, "Method not found: " + method, "not-found", false, null);
    }

    static RpcError invalidParams(String why) {
        return new RpcError(INVALID_PARAMS, "Invalid params: " + why, "invalid-request", false, null);
    }

    static RpcError internal() {
        return new RpcError(INTERNAL_ERROR, "Internal error; the server log has the details", "internal-error",
                false, null);
    }

    static RpcError of(ErrorKind kind, String type, String message, @Nullable Long retryAfterMs) {
        int code = switch (kind) {
            case INVALID -> -32022;
            case UNAUTHENTICATED -> -32001;
            case FORBIDDEN -> -32003;
            case NOT_FOUND -> -32004;
            case CONFLICT -> -32009;
            case TOO_LARGE -> -32013;
            case RATE_LIMITED -> -32029;
            case UNAVAILABLE -> -32050;
            case INTERNAL -> INTERNAL_ERROR;
        };
        return new RpcError(code, message, type, kind.retryable(), retryAfterMs);
    }

    static RpcError of(StarkBotException e) {
        return of(e.kind(), e.type(), e.getMessage(), e.retryAfter().map(d -> d.toMillis()).orElse(null));
    }
}
