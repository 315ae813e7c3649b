package dev.starkbot.schedule.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.schedule.SchedulesProperties;
import dev.starkbot.schedule.spi.TaskAction;
import dev.starkbot.schedule.spi.TaskRun;
import dev.starkbot.shared.InvalidField;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code http} task: one HTTP request, whose status and the start of whose body become the run's result; a
 * status other than 2xx fails the attempt. Redirects are not followed (the next hop could be an address the guard
 * refuses), no proxy is used (the guard checks the address the client connects to), and the response body is read
 * up to 64 KB within the task's timeout. The client (OkHttp) resolves names through the guard and connects only to
 * the addresses it checked, so a name server answering differently the second time (DNS rebinding) gains nothing;
 * it never silently sends a request again on a failed connection, which could repeat a POST.
 */
@Component
class HttpTaskAction implements TaskAction, AutoCloseable {

    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The result must fit the job's result (8,000 characters) as JSON, escapes included. */
    private static final int MAX_RESULT_CHARS = 7_500;

    private final NetworkGuard guard;
    private final SchedulesProperties properties;
    private final JsonMapper json;
    private final OkHttpClient client;

    HttpTaskAction(NetworkGuard guard, SchedulesProperties properties, JsonMapper json) {
        this.guard = guard;
        this.properties = properties;
        this.json = json;
        this.client = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .proxy(Proxy.NO_PROXY)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(10))
                .dns(this::lookup)
                .build();
    }

    /** The one lookup of a run: checked here, and exactly these addresses are what the client may connect to. */
    List<InetAddress> lookup(String host) throws UnknownHostException {
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
        String refusal = guard.refusal(host, addresses);
        if (refusal != null) {
            throw new RefusedAddressException(refusal);
        }
        return addresses;
    }

    /** A lookup the guard refused; an UnknownHostException so that OkHttp gives up on the host at once. */
    static final class RefusedAddressException extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }

    @Override
    public String type() {
        return "http";
    }

    /**
     * An address written into the URL (or {@code localhost}) is checked now, without asking DNS; other names are
     * resolved and checked at each run.
     */
    @Override
    public List<InvalidField> validate(String ownerId, JsonNode params) {
        List<InvalidField> errors = new ArrayList<>();
        HttpTaskParams parsed = HttpTaskParams.parse(params, properties.http().maxTimeout(), errors);
        if (parsed != null && isLiteralOrLocalhost(parsed.host())) {
            try {
                String refusal = guard.refusal(parsed.host());
                if (refusal != null) {
                    errors.add(new InvalidField("url", refusal));
                }
            } catch (UnknownHostException e) {
                errors.add(new InvalidField("url", "the host " + parsed.host() + " does not resolve"));
            }
        }
        return errors;
    }

    @Override
    public @Nullable String run(TaskRun run) throws Exception {
        List<InvalidField> errors = new ArrayList<>();
        HttpTaskParams params = HttpTaskParams.parse(run.params(), properties.http().maxTimeout(), errors);
        if (params == null) {
            throw new IllegalArgumentException("Invalid parameters: " + errors);
        }
        if (run.cancelled()) {
            return null;
        }
        // a literal address never reaches the lookup: it is checked here, and cannot change
        if (isLiteralOrLocalhost(params.host())) {
            String refusal = guard.refusal(params.host());
            if (refusal != null) {
                throw new IllegalStateException("Refused: " + refusal);
            }
        }
        String contentType = params.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        RequestBody body = params.body() != null
                ? RequestBody.create(params.body().getBytes(StandardCharsets.UTF_8),
                contentType == null ? null : MediaType.parse(contentType))
                : List.of("POST", "PUT", "PATCH").contains(params.method()) ? RequestBody.create(new byte[0], null) : null;
        Request.Builder request = new Request.Builder().url(params.url().toString()).method(params.method(), body);
        params.headers().forEach(request::header);
        Call call = client.newBuilder().callTimeout(params.timeout()).build().newCall(request.build());
        try (Response response = call.execute()) {
            ResponseBody responseBody = response.body();
            byte[] bytes = responseBody == null ? new byte[0]
                    : responseBody.byteStream().readNBytes(MAX_BODY_BYTES + 1);
            boolean truncated = bytes.length > MAX_BODY_BYTES;
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_BODY_BYTES), StandardCharsets.UTF_8);
            if (response.code() < 200 || response.code() > 299) {
                throw new IllegalStateException("HTTP " + response.code()
                        + (response.code() / 100 == 3 ? " (redirects are not followed)" : "") + ": "
                        // control characters out: this text reaches the log, where a CR LF could forge lines
                        + (text.length() > 500 ? text.substring(0, 500) : text).replaceAll("\\p{Cntrl}", " "));
            }
            return result(response.code(), text, truncated);
        } catch (RefusedAddressException e) {
            throw new IllegalStateException("Refused: " + e.getMessage());
        } catch (InterruptedIOException e) {
            throw new IllegalStateException("No complete response within " + ScheduleRules.human(params.timeout()));
        } catch (IOException e) {
            throw new IllegalStateException(params.method() + " " + params.host() + " failed: " + e, e);
        }
    }

    /** Spring closes it with the context: idle connections and the dispatcher's threads go. */
    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private String result(int status, String body, boolean truncated) {
        String text = body;
        boolean cut = truncated;
        while (true) {
            String result = json.createObjectNode().put("status", status).put("body", text).put("truncated", cut)
                    .toString();
            if (result.length() <= MAX_RESULT_CHARS) {
                return result;
            }
            text = text.substring(0, text.length() * 3 / 4);
            cut = true;
        }
    }

    private static boolean isLiteralOrLocalhost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return true;
        }
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException notLiteral) {
            return false;
        }
    }
}
