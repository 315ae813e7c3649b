package dev.starkbot.platform.discord.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.shared.SavedFiles;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads the attachments of received messages from Discord's CDN into the data directory, size-capped. Only
 * Discord's own file hosts (or the configured API's host, for a proxy or a test's fake) are fetched: an attachment's
 * address comes from the Gateway, but the adapter never lets a message make it fetch an arbitrary address.
 */
final class DiscordFiles {

    private static final Set<String> CDN_HOSTS = Set.of("cdn.discordapp.com", "media.discordapp.net");

    private final OkHttpClient http;
    private final URI api;
    private final long maxBytes;
    private final Path directory;
    private final Path dataDir;

    DiscordFiles(OkHttpClient http, String apiUrl, long maxBytes, Duration timeout, Path directory, Path dataDir) {
        // a file server's redirect could lead anywhere: it is not followed; a whole download has a deadline
        this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).callTimeout(timeout).build();
        this.api = URI.create(apiUrl);
        this.maxBytes = maxBytes;
        this.directory = directory;
        this.dataDir = dataDir;
    }

    Attachment download(Attachment attachment, String chatId) throws DeliveryException {
        String url = attachment.ref();
        if (url == null || !allowed(url)) {
            throw DeliveryException.permanentFailure("not a Discord file address");
        }
        if (attachment.size() > maxBytes) {
            throw DeliveryException.permanentFailure("larger than " + maxBytes + " bytes");
        }
        // the attachment's id is the path segment before the name: unique, so two files never share a name
        String[] segments = URI.create(url).getPath().split("/");
        String id = segments.length >= 2 ? segments[segments.length - 2].replaceAll("[^0-9]", "") : "";
        Path target = directory.resolve(chatId.replaceAll("[^0-9]", ""))
                .resolve((id.isEmpty() ? "" : id + "-") + SavedFiles.safeName(attachment.fileName()));
        try (Response fetched = http.newCall(new Request.Builder().url(url).build()).execute()) {
            ResponseBody body = fetched.body();
            if (!fetched.isSuccessful() || body == null) {
                int code = fetched.code();
                if (code >= 500 || code == 429 || code == 408) {
                    throw DeliveryException.transientFailure("download answered " + code, null);
                }
                // an expired signed address answers 404; asking again would not help
                throw DeliveryException.permanentFailure("download answered " + code);
            }
            long size = SavedFiles.save(body.byteStream(), target, maxBytes);
            return new Attachment(attachment.kind(), attachment.fileName(), attachment.mimeType(), size,
                    dataDir.relativize(target).toString().replace('\\', '/'), url);
        } catch (SavedFiles.TooLarge e) {
            throw DeliveryException.permanentFailure(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw DeliveryException.transientFailure("download failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private boolean allowed(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean cdn = "https".equals(uri.getScheme()) && uri.getPort() == -1 && CDN_HOSTS.contains(host);
            boolean sameAsApi = host.equalsIgnoreCase(api.getHost()) && uri.getPort() == api.getPort()
                    && uri.getScheme() != null && uri.getScheme().equalsIgnoreCase(api.getScheme());
            return cdn || sameAsApi;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
