package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.shared.StarkBotProperties;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeOpenAiServer;
import dev.starkbot.testing.fake.FakeProviders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files attached in the web chat: saved under the data directory, described to the model on a line of their own,
 * usable only by their owner in their conversation, refused when too large, and deleted after {@code keep-uploads}.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open",
        "starkbot.conversations.ai-titles=false", "starkbot.conversations.max-upload-bytes=1000",
        "starkbot.conversations.max-attachments=2", "starkbot.conversations.max-upload-storage=2000"})
class ChatAttachmentsIntegrationTest {

    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final FakeOpenAiServer OPENAI = FakeOpenAiServer.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    StarkBotProperties starkbot;

    @Autowired
    UploadsCleanup cleanup;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, ANTHROPIC, OPENAI);
    }

    @AfterAll
    static void stop() {
        ANTHROPIC.close();
        OPENAI.close();
    }

    @Test
    void anAttachedFileIsSavedAndTheModelIsToldOfItOnALineOfItsOwn() throws IOException {
        ChatClient gil = ChatClient.signUp(port, "gil");
        String conversation = gil.newConversation(null);
        HttpResponse<String> uploaded = upload(gil, conversation, "../notes.txt", "text/plain",
                "seventeen bytes!!".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).isEqualTo(201);
        JsonNode file = Http.json(uploaded);
        assertThat(file.path("fileName").asString()).isEqualTo("notes.txt");
        assertThat(file.path("mimeType").asString()).isEqualTo("text/plain");
        assertThat(file.path("size").asLong()).isEqualTo(17);
        String path = file.path("path").asString();
        assertThat(path).startsWith("files/uploads/" + gil.userId() + "/").endsWith("-notes.txt");
        assertThat(Files.readString(dataDir().resolve(path))).isEqualTo("seventeen bytes!!");

        ANTHROPIC.enqueue(AnthropicReply.text("A fine set of notes."));
        JsonNode turn = send(gil, conversation, "Read this", List.of(file.path("id").asString()));
        assertThat(turn.path("messages").get(1).path("text").asString()).isEqualTo("A fine set of notes.");
        String asked = ANTHROPIC.requests().getLast().json().path("messages").toString();
        assertThat(asked).contains("Read this\\n[gil-").contains(" sent a document: notes.txt, 17 bytes, saved as "
                + path + "]");
        // the stored message keeps the line, so the thread shows what was attached
        assertThat(gil.messages(conversation).toString()).contains("sent a document: notes.txt");

        HttpResponse<String> photo = upload(gil, conversation, "cat.png", "image/png", new byte[] {1, 2, 3});
        ANTHROPIC.enqueue(AnthropicReply.text("What a cat."));
        send(gil, conversation, null, List.of(Http.json(photo).path("id").asString()));
        assertThat(ANTHROPIC.requests().getLast().json().path("messages").toString())
                .contains(" sent a photo: cat.png, 3 bytes, saved as files/uploads/");
    }

    @Test
    void someoneElsesUploadAnotherConversationsAndTooManyAreRefused() {
        ChatClient ann = ChatClient.signUp(port, "ann");
        ChatClient bob = ChatClient.signUp(port, "bob");
        String annsConversation = ann.newConversation(null);
        String bobsConversation = bob.newConversation(null);
        String annsFile = Http.json(upload(ann, annsConversation, "a.txt", "text/plain", new byte[] {65}))
                .path("id").asString();

        HttpResponse<String> stolen = sendRaw(bob, bobsConversation, "look", List.of(annsFile));
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(stolen.body()).contains("upload not found");
        // not even into Ann's conversation, which Bob cannot see
        assertThat(upload(bob, annsConversation, "b.txt", "text/plain", new byte[] {66}).statusCode())
                .isEqualTo(404);
        assertThat(sendRaw(ann, ann.newConversation(null), "here", List.of(annsFile)).statusCode())
                .isEqualTo(404);
        List<String> three = Stream.of("1", "2", "3").map(n -> Http.json(upload(ann, annsConversation, n + ".txt",
                "text/plain", new byte[] {67})).path("id").asString()).toList();
        assertThat(sendRaw(ann, annsConversation, "all", three).statusCode()).isEqualTo(422);
        assertThat(upload(ann, "no-such-conversation", "c.txt", "text/plain", new byte[] {1}).statusCode())
                .isEqualTo(404);
    }

    @Test
    void onePersonsFilesCannotFillTheDiskAndNoOtherRouteTakesAMultipartBody() throws IOException {
        ChatClient eli = ChatClient.signUp(port, "eli");
        String conversation = eli.newConversation(null);
        assertThat(upload(eli, conversation, "a.bin", "application/octet-stream", new byte[900]).statusCode())
                .isEqualTo(201);
        assertThat(upload(eli, conversation, "b.bin", "application/octet-stream", new byte[900]).statusCode())
                .isEqualTo(201);

        HttpResponse<String> full = upload(eli, conversation, "c.bin", "application/octet-stream", new byte[900]);

        assertThat(full.statusCode()).isEqualTo(413);
        assertThat(Http.json(full).path("type").asString()).endsWith("/upload-storage-full");
        assertThat(filesOf(eli)).hasSize(2);
        // Tomcat would parse a multipart body to disk for any route: only the upload route takes one
        String boundary = "----starkbot" + System.nanoTime();
        HttpRequest elsewhere = eli.http().request("/api/conversations/" + conversation + "/messages")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).headers(eli.bearer())
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n")).build();
        assertThat(eli.http().send(elsewhere).statusCode()).isEqualTo(415);
    }

    @Test
    void aMultipartBodyThatCannotBeReadIsABadRequestNotAServerError() {
        ChatClient fox = ChatClient.signUp(port, "fox");
        String conversation = fox.newConversation(null);
        HttpRequest broken = fox.http().request("/api/conversations/" + conversation + "/files")
                .header("Content-Type", "multipart/form-data; boundary=nothing-like-it").headers(fox.bearer())
                .POST(HttpRequest.BodyPublishers.ofString("not multipart at all")).build();

        HttpResponse<String> refused = fox.http().send(broken);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");

        // without a declared length (chunked), the size is only known while reading: still a 413, not a 500
        String boundary = "----starkbot" + System.nanoTime();
        byte[] big = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(1200 * 1024) + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = fox.http().request("/api/conversations/" + conversation + "/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).headers(fox.bearer())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertThat(fox.http().send(chunked).statusCode()).isEqualTo(413);
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndNothingIsLeftOnDisk() throws IOException {
        ChatClient cid = ChatClient.signUp(port, "cid");
        String conversation = cid.newConversation(null);
        HttpResponse<String> refused = upload(cid, conversation, "big.bin", "application/octet-stream",
                new byte[1001]);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(Http.json(refused).path("detail").asString()).contains("1000 bytes")
                .contains("starkbot.conversations.max-upload-bytes");
        // a body beyond the route's own cap (the limit and 1 MB of envelope) is refused before it is read
        HttpResponse<String> huge = upload(cid, conversation, "huge.bin", "application/octet-stream",
                new byte[1000 + 1024 * 1024 + 10]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(filesOf(cid)).isEmpty();
    }

    @Test
    void theHousekeepingDeletesUploadsOlderThanKeepUploads() throws IOException {
        ChatClient dee = ChatClient.signUp(port, "dee");
        String conversation = dee.newConversation(null);
        JsonNode file = Http.json(upload(dee, conversation, "old.txt", "text/plain", new byte[] {1}));
        assertThat(cleanup.clean(Instant.now())).isZero();
        assertThat(filesOf(dee)).hasSize(1);

        assertThat(cleanup.clean(Instant.now().plus(Duration.ofDays(31)))).isPositive();
        assertThat(filesOf(dee)).isEmpty();
        assertThat(sendRaw(dee, conversation, "gone?", List.of(file.path("id").asString())).statusCode())
                .isEqualTo(404);
    }

    private Path dataDir() {
        return starkbot.dataDir().toAbsolutePath().normalize();
    }

    private List<Path> filesOf(ChatClient user) throws IOException {
        Path folder = dataDir().resolve("files/uploads/" + user.userId());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static JsonNode send(ChatClient user, String conversation, String text, List<String> attachments) {
        HttpResponse<String> response = sendRaw(user, conversation, text, attachments);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response);
    }

    private static HttpResponse<String> sendRaw(ChatClient user, String conversation, String text,
                                                List<String> attachments) {
        Map<String, Object> body = text == null ? Map.of("attachments", attachments)
                : Map.of("text", text, "attachments", attachments);
        return user.http().call("POST", "/api/conversations/" + conversation + "/messages",
                JSON.writeValueAsString(body), user.bearer());
    }

    static HttpResponse<String> upload(ChatClient user, String conversation, String name, String type,
                                       byte[] content) {
        String boundary = "----starkbot" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest request = user.http().request("/api/conversations/" + conversation + "/files")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .headers(user.bearer()).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return user.http().send(request);
    }
}
