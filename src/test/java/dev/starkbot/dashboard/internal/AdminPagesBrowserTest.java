package dev.starkbot.dashboard.internal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;

import dev.starkbot.testing.browser.BrowserSession;
import dev.starkbot.testing.browser.BrowserTest;
import dev.starkbot.testing.browser.PageProblem;

/**
 * The admin pages in Chromium, on a phone and a desktop: an account is created with a hostile display name (shown
 * as text), its role changed and then disabled, which ends its session; the admin cannot demote themselves and sees
 * the API's reason; an invite's code is shown once, used to register, and seen used; another is revoked; the audit
 * log shows these actions and filters them by type. An account that is not an admin gets no Admin link and cannot
 * open the pages: a browser is sent to a page that says so. With registration by approval, an account waiting for it is approved and can then sign in.
 */
@BrowserTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + AdminPagesBrowserTest.ADMIN,
        "starkbot.admin.password=" + AdminPagesBrowserTest.PASSWORD})
class AdminPagesBrowserTest {

    static final String ADMIN = "pages-admin";
    static final String PASSWORD = "pages admin password";
    private static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\">Pepper";
    private static final String USER_PASSWORD = "a managed user's password";

    @LocalServerPort
    int port;

    @Test
    void usersInvitesAndTheAuditLogOnAPhone(BrowserSession browser) {
        Page page = usersInvitesAndAudit(browser, browser.phone(), "phone");
        page.setViewportSize(360, 780);
        Assertions.assertThat(PageChecks.width(page)).as("page at 360 px").isLessThanOrEqualTo(360);
    }

    @Test
    void usersInvitesAndTheAuditLogOnADesktop(BrowserSession browser) {
        usersInvitesAndAudit(browser, browser.desktop(), "desktop");
    }

    private Page usersInvitesAndAudit(BrowserSession browser, BrowserContext context, String viewport) {
        browser.signIn(context, base(port), ADMIN, PASSWORD);
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        Page page = context.newPage();
        page.navigate(base(port) + "/admin");
        Assertions.assertThat(page.url()).endsWith("/admin/users");
        assertThat(page.locator(".topbar nav a.current")).hasText("Admin");
        assertThat(page.locator(".tabs a.current")).hasText("Users");

        // a new account, its hostile display name shown as text
        String username = "managed-" + viewport;
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New account")).click();
        page.locator("#n-username").fill(username);
        page.locator("#n-display-name").fill(HOSTILE);
        page.locator("#n-password").fill("short");
        page.locator("#n-role").selectOption("readonly");
        page.locator("#user-form button[type=submit]").click();
        assertThat(page.locator("#e-password")).not().isEmpty();
        page.locator("#n-password").fill(USER_PASSWORD);
        page.locator("#user-form button[type=submit]").click();
        Locator row = page.locator(".user-list li").filter(new Locator.FilterOptions().setHasText(username));
        assertThat(row.locator(".what")).hasText(HOSTILE + " (" + username + ")");
        assertThat(row.locator(".status")).hasText("active");
        assertThat(row.locator(".role-choice")).hasValue("readonly");

        // signed in as that account: no Admin link, and the admin pages are refused
        BrowserContext theirs = browser.desktop();
        browser.signIn(theirs, base(port), username, USER_PASSWORD);
        Page their = theirs.newPage();
        their.navigate(base(port) + "/account");
        assertThat(their.locator(".topbar nav a")).not().hasCount(0);
        assertThat(their.locator(".topbar nav a[href^='/admin']")).hasCount(0);
        for (String path : new String[] {"/admin", "/admin/users", "/admin/invites", "/admin/audit"}) {
            their.navigate(base(port) + path);
            Assertions.assertThat(their.url()).as(path).isEqualTo(base(port) + "/forbidden");
            assertThat(their.locator("h1")).hasText("Not for your role");
            assertThat(their.locator("main")).containsText("your role, readonly, does not open it");
        }
        // a script or client asking for a page gets the refusal itself
        Assertions.assertThat(status(theirs, "/admin/users")).isEqualTo(403);

        // its role changed, then disabled after a confirmation: its session ends
        row.locator(".role-choice").selectOption("user");
        assertThat(row.locator(".row-note")).hasText("Role changed to user.");
        Assertions.assertThat(json(theirs, "/api/me")).contains("\"role\":\"user\"");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable: " + username)).click();
        Locator confirm = page.locator("#disable-dialog");
        assertThat(confirm.locator(".what")).containsText(HOSTILE);
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable")).click();
        assertThat(row.locator(".status")).hasText("disabled");
        Assertions.assertThat(status(theirs, "/api/me")).isEqualTo(401);

        // the admin cannot lock themselves out: the API's reason is shown next to their account
        Locator mine = page.locator(".user-list li").filter(new Locator.FilterOptions().setHasText(ADMIN));
        mine.locator(".role-choice").selectOption("user");
        assertThat(mine.locator(".row-error")).isVisible();
        assertThat(mine.locator(".role-choice")).hasValue("admin");

        // search and filters
        page.locator("#u-search").fill(username);
        assertThat(page.locator(".user-list li")).hasCount(1);
        page.locator("#u-search").fill("");
        page.locator("#u-status").selectOption("disabled");
        assertThat(page.locator(".user-list li .status")).not().hasCount(0);
        for (String text : page.locator(".user-list li .status").allTextContents()) {
            Assertions.assertThat(text).isEqualTo("disabled");
        }
        page.locator("#u-status").selectOption("");
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "admin-users");
        Assertions.assertThat(PageChecks.width(page)).as("users page width")
                .isLessThanOrEqualTo(page.viewportSize().width);

        // an invite: its code shown once, copied, used to register, then listed as used
        page.locator(".tabs a", new Page.LocatorOptions().setHasText("Invites")).click();
        assertThat(page.locator(".tabs a.current")).hasText("Invites");
        page.locator("#i-role").selectOption("user");
        page.locator("#i-hours").fill("24");
        page.locator("#invite-form button[type=submit]").click();
        Locator created = page.locator(".new-invite");
        assertThat(created).isVisible();
        String code = created.locator(".invite-code").textContent();
        Assertions.assertThat(code).startsWith("sbi_");
        created.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy")).click();
        assertThat(created.locator(".copy-note")).hasText("Copied.");
        Assertions.assertThat(page.evaluate("navigator.clipboard.readText()")).isEqualTo(code);
        String invited = "invited-" + viewport;
        APIResponse registered = browser.desktop().request().post(base(port) + "/api/auth/register",
                RequestOptions.create().setHeader("Content-Type", "application/json").setData(Map.of(
                        "username", invited, "password", USER_PASSWORD, "inviteCode", code)));
        Assertions.assertThat(registered.status()).as(registered.text()).isEqualTo(201);
        created.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have passed it on")).click();
        assertThat(created).isHidden();
        page.reload();
        Assertions.assertThat(page.content()).doesNotContain(code);
        assertThat(page.locator(".invite-list li").filter(new Locator.FilterOptions().setHasText("by " + invited)))
                .hasCount(1);

        // another invite, revoked after a confirmation
        page.locator("#i-role").selectOption("readonly");
        page.locator("#invite-form button[type=submit]").click();
        assertThat(created).isVisible();
        created.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("I have passed it on")).click();
        Locator unused = page.locator(".invite-list li").filter(new Locator.FilterOptions()
                .setHasText("readonly invite · unused"));
        int before = unused.count();
        Assertions.assertThat(before).isGreaterThan(0);
        unused.first().getByRole(AriaRole.BUTTON).click();
        page.locator("#revoke-dialog").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Revoke"))
                .click();
        assertThat(unused).hasCount(before - 1);
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "admin-invites");
        Assertions.assertThat(PageChecks.width(page)).as("invites page width")
                .isLessThanOrEqualTo(page.viewportSize().width);

        // a failed login with a hostile name, then the audit log: these actions, newest first, and by type
        APIResponse failed = browser.desktop().request().post(base(port) + "/api/auth/login", RequestOptions
                .create().setHeader("Content-Type", "application/json").setData(Map.of("username", HOSTILE,
                        "password", "not the password")));
        Assertions.assertThat(failed.status()).isEqualTo(401);
        page.locator(".tabs a", new Page.LocatorOptions().setHasText("Audit log")).click();
        Locator events = page.locator(".audit-list li");
        assertThat(events.first().locator(".audit-type")).hasText("login.failed");
        assertThat(events.first().locator(".what")).containsText(HOSTILE);
        for (String type : new String[] {"user.created", "user.role-changed", "user.status-changed",
                "invite.created", "invite.revoked", "user.registered"}) {
            assertThat(page.locator(".audit-list .audit-type", new Page.LocatorOptions().setHasText(type)).first())
                    .isVisible();
        }
        page.locator("#f-type").fill("user.status-changed");
        page.locator("#audit-filter button[type=submit]").click();
        assertThat(page.locator(".audit-count")).containsText("of type user.status-changed");
        for (String text : page.locator(".audit-list .audit-type").allTextContents()) {
            Assertions.assertThat(text).isEqualTo("user.status-changed");
        }
        assertThat(events.first().locator(".details")).hasText("active -> disabled");
        page.evaluate("window.scrollTo(0, 0)");
        browser.screenshot(page, "admin-audit");
        Assertions.assertThat(PageChecks.width(page)).as("audit page width")
                .isLessThanOrEqualTo(page.viewportSize().width);

        assertThat(page.locator("main img, main script:not([src])")).hasCount(0);
        Assertions.assertThat(page.evaluate("window.pwned === undefined")).isEqualTo(true);
        // what the pages provoked on purpose: the weak password and the self-demotion
        onlyThese(browser, Map.of(422, "/api/admin/users"));
        return page;
    }

    /** Fails on any problem but answers of these statuses from addresses starting with these paths. */
    private void onlyThese(BrowserSession browser, Map<Integer, String> refusals) {
        browser.expectProblems();
        Assertions.assertThat(browser.problems()).filteredOn(problem -> !(problem.kind()
                == PageProblem.Kind.CONSOLE_ERROR && refusals.entrySet().stream().anyMatch(refusal -> problem
                .message().contains("status of " + refusal.getKey()) && problem.message()
                .contains("(at " + base(port) + refusal.getValue())))).isEmpty();
    }

    /** With registration by approval: an account waiting for it is found, approved, and can then sign in. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "starkbot.rate-limit.enabled=false", "starkbot.admin.username=" + ADMIN,
            "starkbot.admin.password=" + PASSWORD, "starkbot.accounts.registration=approval"})
    class WithApproval {

        @LocalServerPort
        int approvalPort;

        @Test
        void anAccountWaitingForApprovalIsApproved(BrowserSession browser) {
            String base = base(approvalPort);
            BrowserContext anyone = browser.desktop();
            APIResponse registered = anyone.request().post(base + "/api/auth/register", RequestOptions.create()
                    .setHeader("Content-Type", "application/json").setData(Map.of("username", "waiting",
                            "password", USER_PASSWORD)));
            Assertions.assertThat(registered.status()).as(registered.text()).isEqualTo(201);

            BrowserContext context = browser.desktop();
            browser.signIn(context, base, ADMIN, PASSWORD);
            Page page = context.newPage();
            page.navigate(base + "/admin/users");
            page.locator("#u-status").selectOption("pending");
            Locator row = page.locator(".user-list li");
            assertThat(row).hasCount(1);
            assertThat(row.locator(".status")).hasText("waiting for approval");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve: waiting")).click();
            assertThat(row.locator(".row-note")).hasText("Approved: the account can sign in.");
            assertThat(row.locator(".status")).hasText("active");
            browser.signIn(anyone, base, "waiting", USER_PASSWORD);
        }
    }

    private String json(BrowserContext context, String path) {
        APIResponse response = context.request().get(base(port) + path);
        try {
            return response.text();
        } finally {
            response.dispose();
        }
    }

    private int status(BrowserContext context, String path) {
        APIResponse response = context.request().get(base(port) + path);
        try {
            return response.status();
        } finally {
            response.dispose();
        }
    }

    private static String base(int port) {
        return "http://localhost:" + port;
    }
}
