package dev.starkbot.platform.discord.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.testing.fake.LoopbackHttpServer;
import okhttp3.OkHttpClient;

/**
 * Downloads from Discord's file servers (here a loopback server standing in as the configured API's host): what is
 * tried again, what is given up, and what is never fetched.
 */
class DiscordFilesTest {

    @TempDir
    Path dataDir;
    private LoopbackHttpServer cdn;

    @AfterEach
    void close() {
        if (cdn != null) {
            cdn.close();
        }
    }

    private DiscordFiles files(int status, Map<String, String> headers, String body) {
        cdn = LoopbackHttpServer.start("cdn", (request, exchange) -> exchange.respond(status, headers, body));
        return new DiscordFiles(new OkHttpClient(), cdn.baseUrl() + "/api/v10/", 100, Duration.ofSeconds(5),
                dataDir.resolve("files/discord"), dataDir);
    }

    private Attachment attachment(String url) {
        return new Attachment(Attachment.Kind.DOCUMENT, "notes.txt", "text/plain", 0, "", url);
    }

    @Test
    void aFileIsSavedUnderItsIdAndSafeName() throws Exception {
        DiscordFiles files = files(200, Map.of("Content-Type", "text/plain"), "remember the milk");

        Attachment saved = files.download(attachment(cdn.baseUrl() + "/attachments/1/2345/notes.txt?ex=1"), "42");

        assertThat(saved.path()).isEqualTo("files/discord/42/2345-notes.txt");
        assertThat(Files.readString(dataDir.resolve(saved.path()))).isEqualTo("remember the milk");
    }

    @Test
    void aServerErrorIsTriedAgainLaterAndAnExpiredAddressIsGivenUp() {
        DeliveryException unavailable = assertThrows(DeliveryException.class, () -> files(503, Map.of(), "")
                .download(attachment(cdn.baseUrl() + "/attachments/1/2/a.txt"), "42"));
        assertThat(unavailable.permanent()).isFalse();
        cdn.close();

        DeliveryException expired = assertThrows(DeliveryException.class, () -> files(404, Map.of(), "")
                .download(attachment(cdn.baseUrl() + "/attachments/1/2/a.txt"), "42"));
        assertThat(expired.permanent()).isTrue();
    }

    @Test
    void aRedirectIsNotFollowedAndTooLargeAFileIsNotKept() throws Exception {
        DeliveryException redirected = assertThrows(DeliveryException.class, () -> files(302,
                Map.of("Location", "http://169.254.169.254/latest/meta-data"), "")
                .download(attachment(cdn.baseUrl() + "/attachments/1/2/a.txt"), "42"));
        assertThat(redirected.permanent()).isTrue();
        cdn.close();

        DeliveryException large = assertThrows(DeliveryException.class, () -> files(200, Map.of(), "x".repeat(101))
                .download(attachment(cdn.baseUrl() + "/attachments/1/2/big.txt"), "42"));
        assertThat(large.permanent()).isTrue();
        assertThat(Files.exists(dataDir.resolve("files/discord/42/2-big.txt"))).isFalse();
    }

    @Test
    void onlyDiscordsFileServersAreFetched() {
        DiscordFiles files = files(200, Map.of(), "secret");

        for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "https://evil.example/a.txt",
                "http://cdn.discordapp.com/attachments/1/2/a.txt", "file:///etc/passwd"}) {
            DeliveryException refused = assertThrows(DeliveryException.class,
                    () -> files.download(attachment(url), "42"));
            assertThat(refused.permanent()).as(url).isTrue();
            assertThat(refused.getMessage()).as(url).contains("not a Discord file address");
        }
    }
}
