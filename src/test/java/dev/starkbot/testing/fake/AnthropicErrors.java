package dev.starkbot.testing.fake;

import tools.jackson.databind.node.ObjectNode;

/** Anthropic's error types, the statuses they come with, and their body. */
final class AnthropicErrors {

    private AnthropicErrors() {
    }

    /** The body of every Anthropic error response: {@code {"type":"error","error":{…},"request_id":…}}. */
    static String body(String errorType, String message, String requestId) {
        ObjectNode body = event(errorType, message);
        body.put("request_id", requestId);
        return WireJson.write(body);
    }

    /** The data of an in-stream {@code error} event, which (as documented) carries no request id. */
    static String eventData(String errorType, String message) {
        return WireJson.write(event(errorType, message));
    }

    private static ObjectNode event(String errorType, String message) {
        ObjectNode body = WireJson.object().put("type", "error");
        body.putObject("error").put("type", errorType).put("message", message);
        return body;
    }

    /** The status that goes with an error type, per Anthropic's list of HTTP errors. */
    static int status(String errorType) {
        return switch (errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "api_error" -> 500;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> throw new IllegalArgumentException("Unknown Anthropic error type " + errorType);
        };
    }

    static String defaultMessage(String errorType) {
        return switch (errorType) {
            case "rate_limit_error" -> "This request would exceed the rate limit for your organization of 50 "
                    + "requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. "
                    + "You can see the response headers for current usage.";
            case "overloaded_error" -> "Overloaded";
            case "api_error" -> "Internal server error";
            case "authentication_error" -> "invalid x-api-key";
            case "permission_error" -> "Your API key does not have permission to use the specified resource.";
            case "not_found_error" -> "Not found";
            case "request_too_large" -> "Request exceeds the maximum allowed number of bytes.";
            case "timeout_error" -> "Request timed out";
            default -> "Invalid request";
        };
    }
}
