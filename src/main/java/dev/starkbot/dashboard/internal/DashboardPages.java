package dev.starkbot.dashboard.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;

/**
 * The dashboard's pages. Each is a shell rendered here (layout, navigation, who is signed in); what it shows is read
 * from the REST API by the page's script, so that the API's checks are the only ones. A page that needs a signed-in
 * user sends an anonymous browser to the sign-in page (see {@link DashboardRules}).
 */
@Controller
class DashboardPages {

    @GetMapping("/")
    String home(@AuthenticationPrincipal @Nullable Principal me) {
        return me == null ? "redirect:/login" : "redirect:/chat";
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal @Nullable Principal me) {
        return me == null ? "dashboard/login" : "redirect:/chat";
    }

    @GetMapping("/setup")
    String setup() {
        return "dashboard/setup";
    }

    @GetMapping("/offline")
    String offline() {
        return "dashboard/offline";
    }

    @GetMapping("/chat")
    String chat(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "chat");
    }

    @GetMapping("/chat/{id}")
    String conversation(@AuthenticationPrincipal Principal me, @PathVariable String id, Model model) {
        model.addAttribute("conversationId", id);
        return page(me, model, "chat");
    }

    @GetMapping("/schedules")
    String schedules(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "schedules");
    }

    @GetMapping("/platforms")
    String platforms(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "platforms");
    }

    @GetMapping("/jobs")
    String jobs(@AuthenticationPrincipal Principal me, Model model) {
        model.addAttribute("canChange", me.can(Role.USER));
        return page(me, model, "jobs");
    }

    @GetMapping("/usage")
    String usage(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "usage");
    }

    @GetMapping("/personas")
    String personas(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "personas");
    }

    @GetMapping("/settings")
    String settings(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "settings");
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "account");
    }

    /** Where a browser is sent when the signed-in user's role does not open the page it asked for. */
    @GetMapping("/forbidden")
    String forbidden(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "forbidden");
    }

    /** The admin pages; only admins reach them (the matrix refuses anyone else before this controller). */
    @GetMapping("/admin")
    String admin() {
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/users")
    String adminUsers(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "admin-users");
    }

    @GetMapping("/admin/invites")
    String adminInvites(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "admin-invites");
    }

    @GetMapping("/admin/audit")
    String adminAudit(@AuthenticationPrincipal Principal me, Model model) {
        return page(me, model, "admin-audit");
    }

    private static String page(Principal me, Model model, String name) {
        model.addAttribute("me", me);
        // the navigation shows the admin pages to admins only; the platforms page shows them more too
        model.addAttribute("admin", me.can(Role.ADMIN));
        model.addAttribute("page", name);
        return "dashboard/" + name;
    }
}
