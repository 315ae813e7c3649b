package dev.starkbot.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;

/**
 * The chat page in Chromium against a fake Claude, at a desktop's and a phone's size: a reply is seen while it is
 * being written and then as rendered Markdown, tool calls show as cards, a hostile reply stays inert, and Stop ends
 * a reply; and at the narrowest phone the dashboard supports, 360 pixels, a conversation can be renamed,
 * exported, found by search and deleted; and a file is attached to a message, uploaded as a chip and sent. Any
 * console error, uncaught exception or Content-Security-Policy violation fails the test (see
 * {@link BrowserSession}).
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.conversations.ai-titles=false"})
class ChatPageBrowserTest {

    static final FakeAnthropicServer MODEL = FakeAnthropicServer.start();
    static final String PASSWORD = "the owner's password";
    /** Long enough between words for the page to show several states of the reply being written. */
    static final Duration PACE = Duration.ofMillis(120);
    static final String HOSTILE = "Look: <img src=x onerror=alert(1)> and <script>window.pwned = 1</script> and "
            + "[x](javascript:alert(1)) and <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">y</a> done";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, MODEL, null);
        registry.add("starkbot.admin.username", () -> "owner");
        registry.add("starkbot.admin.password", () -> PASSWORD);
    }

    @Test
    void aReplyStreamsInRendersAndStopsOnADesktop(BrowserSession browser) {
        chat(browser, browser.desktop());
    }

    @Test
    void aReplyStreamsInRendersAndStopsOnAPhone(BrowserSession browser) {
        chat(browser, browser.phone());
    }

    @Test
    void aConversationIsRenamedExportedFoundAndDeletedAt360Pixels(BrowserSession browser) throws Exception {
        BrowserContext context = browser.newContext("phone-360", new Browser.NewContextOptions()
                .setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
        String base = "http://localhost:" + port;
        browser.signIn(context, base, "owner", PASSWORD);
        Page page = context.newPage();
        page.navigate(base + "/chat");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
        MODEL.enqueue(AnthropicReply.text("Pineapple noted, with **care**."));
        send(page, "Remember the pineapple");
        lastReply(page).locator("strong").waitFor();

        page.locator("summary", new Page.LocatorOptions().setHasText("Settings")).click();
        page.getByLabel("Title").fill("Fruit talk");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rename")).click();
        page.locator("#thread-title").getByText("Fruit talk").waitFor();
        browser.screenshot(page, "chat-settings");

        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Export Markdown")).click());
        assertThat(download.suggestedFilename()).isEqualTo("fruit-talk.md");
        assertThat(Files.readString(download.path())).contains("# Fruit talk", "Remember the pineapple",
                "Pineapple noted, with **care**.");
        download = page.waitForDownload(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Export JSON")).click());
        assertThat(Files.readString(download.path())).contains("\"title\": \"Fruit talk\"",
                "\"role\": \"assistant\"");
        page.locator("summary", new Page.LocatorOptions().setHasText("Settings")).click();

        // the list replaces the thread on a phone; a search hit opens its conversation at the message
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Conversations")).click();
        page.getByLabel("Search your messages").fill("pineapple");
        Locator hit = page.locator("#search-results .conversation-link").first();
        hit.locator("mark").first().waitFor();
        assertThat(hit.textContent()).contains("Fruit talk");
        hit.click();
        page.locator(".msg.found").waitFor();
        assertThat(page.locator("#conversations").isHidden()).isTrue();

        page.locator("summary", new Page.LocatorOptions().setHasText("Settings")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete conversation")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete").setExact(true)).click();
        page.waitForURL(base + "/chat");
        assertThat(page.locator("#conversation-list").getByText("Fruit talk").count()).isZero();
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the screen").isTrue();
    }

    @Test
    void aFileIsAttachedUploadedAsAChipAndSentWithTheMessage(BrowserSession browser) {
        BrowserContext context = browser.desktop();
        String base = "http://localhost:" + port;
        browser.signIn(context, base, "owner", PASSWORD);
        Page page = context.newPage();
        page.navigate(base + "/chat");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
        BoundingBox attach = page.locator("label.attach").boundingBox();
        assertThat(attach.height).as("Attach is a 44 px target").isGreaterThanOrEqualTo(44);

        Locator input = page.getByLabel("Attach", new Page.GetByLabelOptions().setExact(true));
        input.setInputFiles(new FilePayload("notes.txt", "text/plain",
                "seventeen bytes!!".getBytes(StandardCharsets.UTF_8)));
        Locator chip = page.locator("#attachments .chip.uploaded");
        chip.getByText("notes.txt (17 bytes)").waitFor();
        assertThat(page.url()).as("choosing a file started the conversation").matches(".*/chat/[0-9a-f-]{36}");
        // a second file, removed again before sending
        input.setInputFiles(new FilePayload("drop.txt", "text/plain", new byte[] {1}));
        page.locator("#attachments .chip.uploaded").getByText("drop.txt").waitFor();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove drop.txt")).click();
        assertThat(page.locator("#attachments .chip").count()).isEqualTo(1);
        browser.screenshot(page, "chat-attachment");

        MODEL.enqueue(AnthropicReply.text("Your notes say seventeen bytes."));
        send(page, "Read my notes");
        page.locator(".msg-user", new Page.LocatorOptions().setHasText("sent a document: notes.txt")).waitFor();
        assertThat(lastReply(page).textContent()).contains("Your notes say seventeen bytes.");
        assertThat(page.locator("#attachments").isHidden()).as("the chips went with the message").isTrue();
        String asked = MODEL.requests().getLast().json().path("messages").toString();
        assertThat(asked).contains("sent a document: notes.txt, 17 bytes, saved as files/uploads/")
                .doesNotContain("drop.txt");
    }

    private void chat(BrowserSession browser, BrowserContext context) {
        String base = "http://localhost:" + port;
        browser.signIn(context, base, "owner", PASSWORD);
        Page page = context.newPage();
        List<String> dialogs = new CopyOnWriteArrayList<>();
        page.onDialog(dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        });
        page.navigate(base + "/chat");
        int scripts = scriptCount(page);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New chat")).click();
        String reply = "Here is **bold** text, written one word at a time so that the page can be seen "
                + "showing it while it grows, and then the end.";
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text(reply), PACE));
        send(page, "Hello there");

        // the reply is shown while it is being written: some of it, not yet all of it
        Locator streaming = page.locator(".msg-assistant.streaming .markdown");
        page.waitForFunction("() => { const r = document.querySelector('.msg-assistant.streaming .markdown');"
                + " return r && r.textContent.trim().split(/\\s+/).length >= 3; }");
        String partial = streaming.textContent();
        assertThat(partial).isNotBlank().doesNotContain("and then the end.");
        assertThat(page.locator("#stop").isVisible()).isTrue();
        Locator done = lastReply(page);
        done.locator("strong").waitFor();
        assertThat(done.locator("strong").textContent()).isEqualTo("bold");
        assertThat(done.textContent()).contains("and then the end.");
        page.locator("#send").waitFor();
        assertThat(page.url()).matches(".*/chat/[0-9a-f-]{36}");
        assertThat(page.locator("#conversation-list .conversation-link[aria-current=page]").count()).isEqualTo(1);

        // a tool call and its result, as a card
        MODEL.enqueue(AnthropicReply.toolUse("Let me check.", "toolu_01", "current_time", "{\"timezone\":\"UTC\"}"),
                AnthropicReply.text("It is `noon`.\n\n```\ncode here\n```"));
        send(page, "What time is it?");
        lastReply(page).locator("code", new Locator.LocatorOptions().setHasText("noon")).waitFor();
        Locator card = page.locator("details.tool").last();
        assertThat(card.locator("summary").textContent()).contains("current_time", "done");
        assertThat(card.locator(".tool-output").textContent()).isNotBlank();
        assertThat(lastReply(page).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy code"))
                .count()).isEqualTo(1);

        // a reply full of markup that would run if it were taken as HTML
        MODEL.enqueue(AnthropicReply.text(HOSTILE));
        send(page, "Be hostile");
        lastReply(page).getByText("done").waitFor();
        page.locator("#send").waitFor();
        Locator hostile = lastReply(page);
        assertThat(hostile.textContent()).contains("<img src=x onerror=alert(1)>", "<script>");
        assertThat(page.locator(".messages img, .messages script, .messages [onerror], .messages [onclick]")
                .count()).isZero();
        Locator link = hostile.getByText("x", new Locator.GetByTextOptions().setExact(true));
        assertThat(link.getAttribute("href")).isNull();
        link.click();
        page.waitForTimeout(200);
        assertThat(dialogs).isEmpty();
        assertThat(scriptCount(page)).isEqualTo(scripts);
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);

        // Stop while a long reply is being written
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("word ".repeat(200).trim()), PACE));
        send(page, "Write a lot");
        page.waitForFunction("() => (document.querySelector('.msg-assistant.streaming .markdown')?.textContent"
                + " ?? '').includes('word word')");
        page.locator("#stop").click();
        page.locator(".msg-notice", new Page.LocatorOptions().setHasText("The reply was stopped.")).waitFor();
        page.locator("#send").waitFor();
        assertThat(lastReply(page).locator(".meta").textContent()).contains("interrupted");
        assertThat(page.locator("#stop").isHidden()).isTrue();
        page.locator("#turn-status").getByText("Stopped.").waitFor();

        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the screen").isTrue();
        browser.screenshot(page, "chat");
    }

    private static void send(Page page, String text) {
        Locator box = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
        box.fill(text);
        box.press("Enter");
        page.locator(".msg-user", new Page.LocatorOptions().setHasText(text)).waitFor();
        assertThat(box.inputValue()).isEmpty();
    }

    private static Locator lastReply(Page page) {
        Locator reply = page.locator(".msg-assistant:not(.streaming)").last();
        reply.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        return reply;
    }

    private static int scriptCount(Page page) {
        return ((Number) page.evaluate("() => document.scripts.length")).intValue();
    }
}
