package dev.starkbot.testing.fake;

import tools.jackson.databind.node.ObjectNode;

/** OpenAI's error body, the same for HTTP errors and for errors inside a stream. */
final class OpenAiErrors {

    static final String NOT_JSON = "We could not parse the JSON body of your request. (HINT: This likely means you "
            + "aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was "
            + "not valid JSON.)";

    private OpenAiErrors() {
    }

    /** {@code {"error":{"message":…,"type":…,"param":…,"code":…}}}, with JSON nulls where there is nothing. */
    static String body(String type, String param, String code, String message) {
        ObjectNode error = WireJson.object().put("message", message).put("type", type);
        if (param == null) {
            error.putNull("param");
        } else {
            error.put("param", param);
        }
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        return WireJson.write(WireJson.object().set("error", error));
    }

    /** What api.openai.com says about the key, or null when the key is right. */
    static String keyProblem(String authorization, String apiKey) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "You didn't provide an API key. You need to provide your API key in an Authorization header "
                    + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank "
                    + "username) if you're accessing the API from your browser and are prompted for a username and "
                    + "password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
        }
        String key = authorization.substring("Bearer ".length());
        if (key.equals(apiKey)) {
            return null;
        }
        String masked = key.length() <= 8 ? key : key.substring(0, 3) + "*".repeat(key.length() - 7)
                + key.substring(key.length() - 4);
        return "Incorrect API key provided: " + masked + ". You can find your API key at "
                + "https://platform.openai.com/account/api-keys.";
    }
}
