package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.FileUpload;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * Pins files both ways with JDA against {@link FakeDiscordServer}: a user's attachments and their download from
 * the CDN, and the bot's multipart uploads.
 *
 * <p>Facts for the adapter: {@code Message.Attachment} carries Discord's filename, size, content type and, for
 * images, width and height; its URL is signed ({@code ex}, {@code is}, {@code hm}) and downloads without the bot
 * token, with OkHttp or {@code getProxy().download()}, until it expires (a 404 afterwards: download promptly).
 * {@code sendFiles(FileUpload.fromData(..))} is one multipart request with the file's name and bytes; JDA does
 * not check the upload limit itself, and Discord's refusal is {@link ErrorResponse#REQUEST_ENTITY_TOO_LARGE}
 * (40005, HTTP 413).
 */
class DiscordJdaFilesIntegrationTest extends DiscordJdaTestBase {

    private static final byte[] NOTES = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void seesAUsersFilesWithDiscordsFieldsAndDownloadsThemWithoutTheToken() throws Exception {
        byte[] png = png(3, 2);
        discord.userSendsFiles(CHANNEL, ALICE, "two files", List.of(
                new DiscordMessage.File("notes.txt", "text/plain; charset=utf-8", NOTES),
                new DiscordMessage.File("chart.png", "image/png", png)));

        List<Message.Attachment> attachments = next(MessageReceivedEvent.class).getMessage().getAttachments();

        assertThat(attachments).extracting(Message.Attachment::getFileName).containsExactly("notes.txt", "chart.png");
        Message.Attachment notes = attachments.get(0);
        assertThat(notes.getSize()).isEqualTo(NOTES.length);
        assertThat(notes.getContentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(notes.isImage()).isFalse();
        assertThat(notes.getUrl()).contains("?ex=").contains("&is=").contains("&hm=");
        Message.Attachment chart = attachments.get(1);
        assertThat(chart.isImage()).isTrue();
        assertThat(chart.getWidth()).isEqualTo(3);
        assertThat(chart.getHeight()).isEqualTo(2);
        assertThat(chart.getProxyUrl()).isNotEqualTo(chart.getUrl());
        assertThat(download(notes.getUrl())).isEqualTo(NOTES);
        try (InputStream in = chart.getProxy().download().get()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void aDownloadAfterTheUrlExpiredIsA404() throws Exception {
        discord.userSendsFile(CHANNEL, ALICE, "", "notes.txt", "text/plain", NOTES);
        Message.Attachment notes = next(MessageReceivedEvent.class).getMessage().getAttachments().getFirst();

        discord.expireAttachmentUrls();

        try (Response response = get(notes.getUrl())) {
            assertThat(response.code()).isEqualTo(404);
        }
        try (Response response = get(notes.getUrl().replaceAll("hm=[0-9a-f]+", "hm=00"))) {
            assertThat(response.code()).isEqualTo(404);
        }
    }

    @Test
    void uploadsAFileAsOneMultipartRequestWithItsNameAndBytes() throws Exception {
        Message sent = general().sendMessage("Here you are.")
                .addFiles(FileUpload.fromData(NOTES, "report.txt")).complete();

        DiscordMessage message = discord.awaitSent(CHANNEL, m -> !m.files().isEmpty(), WAIT);
        assertThat(message.content()).isEqualTo("Here you are.");
        assertThat(message.files()).singleElement().satisfies(file -> {
            assertThat(file.filename()).isEqualTo("report.txt");
            assertThat(file.bytes()).isEqualTo(NOTES);
        });
        assertThat(discord.requests("POST /channels/{channel_id}/messages")).singleElement()
                .satisfies(request -> assertThat(request.header("content-type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("multipart/form-data")));
        assertThat(download(sent.getAttachments().getFirst().getUrl())).isEqualTo(NOTES);
    }

    @Test
    void anOversizedUploadIsRefusedWithRequestEntityTooLarge() {
        discord.uploadLimit(1024);

        assertThatThrownBy(() -> general().sendFiles(FileUpload.fromData(new byte[2048], "big.bin")).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.REQUEST_ENTITY_TOO_LARGE);
                    assertThat(e.getResponse().code).isEqualTo(413);
                });
        assertThat(discord.requests("POST /channels/{channel_id}/messages")).hasSize(1);
        assertThat(discord.sentMessages(CHANNEL)).isEmpty();
    }

    private byte[] download(String url) throws IOException {
        try (Response response = get(url)) {
            assertThat(response.code()).isEqualTo(200);
            return response.body().bytes();
        }
    }

    private Response get(String url) throws IOException {
        return jda.getHttpClient().newCall(new Request.Builder().url(url).build()).execute();
    }

    private static byte[] png(int width, int height) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
