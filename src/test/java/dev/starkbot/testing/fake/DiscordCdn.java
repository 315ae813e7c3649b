package dev.starkbot.testing.fake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's CDN as {@link FakeDiscordServer} serves it on its own loopback port: the bytes of every attachment,
 * the users' and the bot's, without authorization, at signed URLs like Discord's since 2024.
 *
 * <p>{@code cdn.discordapp.com/attachments/…} is served under {@code /attachments/…} and
 * {@code media.discordapp.net/attachments/…} (the {@code proxy_url}) under {@code /media/attachments/…}. A URL
 * carries {@code ex} (expiry) and {@code is} (issue time), both Unix seconds in hex, and {@code hm}, an HMAC of
 * the path and both; a missing, tampered or expired signature and an unknown file all get the CDN's plain 404.
 */
final class DiscordCdn {

    /** How long a signed URL is valid; Discord's last about a day. */
    static final Duration SIGNED_FOR = Duration.ofHours(24);

    private static final HexFormat HEX = HexFormat.of();
    private static final String MEDIA = "/media";

    private record Stored(String contentType, byte[] bytes) {
    }

    private final byte[] key = new byte[32];
    private final Map<String, Stored> files = new ConcurrentHashMap<>();
    private volatile String baseUrl = "http://127.0.0.1";
    private volatile Duration clockOffset = Duration.ZERO;

    DiscordCdn() {
        new SecureRandom().nextBytes(key);
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    /** Moves the CDN's clock past {@link #SIGNED_FOR}: every URL issued so far has expired. */
    void expireUrls() {
        clockOffset = clockOffset.plus(SIGNED_FOR).plusMinutes(1);
    }

    /**
     * Stores a file and returns its attachment object as a message carries it: id, filename (Discord's clients
     * replace what is not {@code [A-Za-z0-9._-]} with {@code _}), size, url, proxy_url, content_type, and
     * width and height when the bytes are an image {@link ImageIO} can read.
     */
    ObjectNode attach(long channelId, DiscordMessage.File file) {
        long id = DiscordJson.snowflake();
        String filename = file.filename().replaceAll("[^A-Za-z0-9._-]", "_");
        String path = "/attachments/" + channelId + "/" + id + "/" + filename;
        files.put(path, new Stored(file.contentType(), file.bytes()));
        String query = sign(path, now());
        ObjectNode json = WireJson.object().put("id", Long.toString(id)).put("filename", filename)
                .put("size", file.bytes().length).put("url", baseUrl + path + "?" + query)
                .put("proxy_url", baseUrl + MEDIA + path + "?" + query);
        if (file.contentType() != null) {
            json.put("content_type", file.contentType());
        }
        var image = image(file);
        if (image != null) {
            json.put("width", image.getWidth()).put("height", image.getHeight());
        }
        return json;
    }

    /** Whether a request is for the CDN rather than the API. */
    static boolean serves(RecordedRequest request) {
        return request.path().startsWith("/attachments/") || request.path().startsWith(MEDIA + "/attachments/");
    }

    void serve(RecordedRequest request, HttpExchange exchange) throws IOException {
        String path = request.path().startsWith(MEDIA) ? request.path().substring(MEDIA.length()) : request.path();
        Stored stored = files.get(path);
        Map<String, String> query = DiscordRestApi.query(request);
        if (!"GET".equals(request.method()) || stored == null || !validSignature(path, query)) {
            exchange.respond(404, Map.of("Content-Type", "text/plain;charset=UTF-8"),
                    "This content is no longer available.");
            return;
        }
        exchange.respond(200, Map.of("Content-Type", stored.contentType() == null ? "application/octet-stream"
                : stored.contentType(), "Cache-Control", "public, max-age=31536000"), stored.bytes());
    }

    private boolean validSignature(String path, Map<String, String> query) {
        String ex = query.get("ex");
        String is = query.get("is");
        if (ex == null || is == null || !hmac(path, ex, is).equals(query.get("hm"))) {
            return false;
        }
        try {
            return Long.parseLong(ex, 16) > now().getEpochSecond();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String path, Instant issued) {
        String is = Long.toHexString(issued.getEpochSecond());
        String ex = Long.toHexString(issued.plus(SIGNED_FOR).getEpochSecond());
        return "ex=" + ex + "&is=" + is + "&hm=" + hmac(path, ex, is) + "&";
    }

    private String hmac(String path, String ex, String is) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal((path + ex + is).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return Instant.now().plus(clockOffset);
    }

    private static java.awt.image.BufferedImage image(DiscordMessage.File file) {
        if (file.contentType() == null || !file.contentType().startsWith("image/")) {
            return null;
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(file.bytes()));
        } catch (IOException notAnImage) {
            return null;
        }
    }
}
