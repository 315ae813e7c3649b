package dev.starkbot.testing.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One Bot API call as {@link FakeTelegramServer} received it, with its parameters decoded the way the real server
 * decodes them: from the query string and from a form-encoded, multipart or JSON body, all alike.
 *
 * <p>Parameters are kept as text, as they travel in a form: numbers as digits, objects and arrays (reply_markup,
 * allowed_updates, commands) as JSON text; {@link #json} parses those. A JSON body's values are turned into the same
 * text, so a test reads them the same way whichever body the client sent.
 *
 * @param method  the method name as the client spelled it in the path ({@code sendMessage})
 * @param params  every non-file parameter
 * @param files   every uploaded file, by parameter name
 * @param request the HTTP request itself
 */
public record BotApiCall(String method, Map<String, String> params, Map<String, Upload> files,
        RecordedRequest request) {

    /** A file sent in a multipart part, with its declared name and media type. */
    public record Upload(String fileName, String contentType, byte[] bytes) {
    }

    public BotApiCall {
        params = Map.copyOf(params);
        files = Map.copyOf(files);
    }

    /** The method as the server matches it: the real server lower-cases it, so {@code SENDMESSAGE} works too. */
    public String methodKey() {
        return method.toLowerCase(Locale.ROOT);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name)).filter(value -> !value.isEmpty());
    }

    /** A parameter holding JSON (an object, array or number), or a {@link MissingNode} when absent or malformed. */
    public JsonNode json(String name) {
        return param(name).map(BotApiCall::parse).orElse(MissingNode.getInstance());
    }

    static BotApiCall of(String method, RecordedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, Upload> files = new LinkedHashMap<>();
        decodeForm(request.query(), params);
        String contentType = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            decodeForm(request.body(), params);
        } else if (contentType.startsWith("multipart/form-data")) {
            Multipart.decode(request, params, files);
        } else if (request.json().isObject()) {
            request.json().properties().forEach(field -> params.put(field.getKey(),
                    field.getValue().isString() ? field.getValue().stringValue() : WireJson.write(field.getValue())));
        }
        return new BotApiCall(method, params, files, request);
    }

    /** Adds the pairs of a form-encoded string ({@code a=1&b=2}) to the map, decoded. */
    static void decodeForm(String form, Map<String, String> params) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value,
                    StandardCharsets.UTF_8));
        }
    }

    private static JsonNode parse(String text) {
        try {
            return WireJson.read(text);
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** RFC 7578 multipart/form-data, as OkHttp's MultipartBody writes it. */
    private static final class Multipart {

        private static void decode(RecordedRequest request, Map<String, String> params, Map<String, Upload> files) {
            String boundary = request.header("content-type").orElseThrow().replaceAll("(?i).*boundary=\"?([^\";]+).*",
                    "$1");
            byte[] body = request.bytes();
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int start = indexOf(body, delimiter, 0);
            while (start >= 0) {
                int partStart = start + delimiter.length;
                if (partStart + 2 <= body.length && body[partStart] == '-' && body[partStart + 1] == '-') {
                    return; // the closing delimiter
                }
                partStart += 2; // CRLF after the delimiter
                int next = indexOf(body, delimiter, partStart);
                if (next < 0) {
                    return;
                }
                part(Arrays.copyOfRange(body, partStart, next - 2), params, files); // CRLF before the delimiter
                start = next;
            }
        }

        private static void part(byte[] part, Map<String, String> params, Map<String, Upload> files) {
            int headerEnd = indexOf(part, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            String head = new String(part, 0, headerEnd, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(part, headerEnd + 4, part.length);
            String name = attribute(head, "name");
            String fileName = attribute(head, "filename");
            if (fileName == null) {
                params.put(name, new String(content, StandardCharsets.UTF_8));
                return;
            }
            String type = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).trim()).findFirst()
                    .orElse("application/octet-stream");
            files.put(name, new Upload(fileName, type, content));
        }

        private static String attribute(String head, String name) {
            var matcher = java.util.regex.Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(head);
            return matcher.find() ? matcher.group(1) : null;
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
