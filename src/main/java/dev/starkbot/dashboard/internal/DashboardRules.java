package dev.starkbot.dashboard.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;

/**
 * The dashboard's lines of the permission matrix. The sign-in and setup pages, the offline page and the static
 * files are open to anyone (they show nothing of anyone's); every other page needs a signed-in user, and a browser
 * that is not signed in is sent to the sign-in page rather than shown a 401.
 */
@Configuration(proxyBeanMethods = false)
class DashboardRules {

    @Bean
    static PermissionRule dashboardHome() {
        return PermissionRule.of("GET", "/", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardLogin() {
        return PermissionRule.of("GET", "/login", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardSetup() {
        return PermissionRule.of("GET", "/setup", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardOffline() {
        return PermissionRule.of("GET", "/offline", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardAssets() {
        return PermissionRule.of("GET", "/app/**", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardWebjars() {
        return PermissionRule.of("GET", "/webjars/**", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardManifest() {
        return PermissionRule.of("GET", "/manifest.webmanifest", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardServiceWorker() {
        return PermissionRule.of("GET", "/sw.js", Access.PUBLIC);
    }

    @Bean
    static PermissionRule dashboardChat() {
        return PermissionRule.of("GET", "/chat/**", Access.READ);
    }

    @Bean
    static PermissionRule dashboardSchedules() {
        return PermissionRule.of("GET", "/schedules", Access.READ);
    }

    @Bean
    static PermissionRule dashboardPlatforms() {
        return PermissionRule.of("GET", "/platforms", Access.READ);
    }

    @Bean
    static PermissionRule dashboardJobs() {
        return PermissionRule.of("GET", "/jobs", Access.READ);
    }

    @Bean
    static PermissionRule dashboardUsage() {
        return PermissionRule.of("GET", "/usage", Access.READ);
    }

    @Bean
    static PermissionRule dashboardPersonas() {
        return PermissionRule.of("GET", "/personas", Access.READ);
    }

    @Bean
    static PermissionRule dashboardSettings() {
        return PermissionRule.of("GET", "/settings", Access.READ);
    }

    @Bean
    static PermissionRule dashboardAccount() {
        return PermissionRule.of("GET", "/account", Access.READ);
    }

    /** Users, invites and the audit log: their data is the admin API's, and so is who may see the pages. */
    @Bean
    static PermissionRule dashboardAdmin() {
        return PermissionRule.of("GET", "/admin/**", Access.ADMIN);
    }

    /** Says that the signed-in user's role does not open a page; shows nothing but that. */
    @Bean
    static PermissionRule dashboardForbidden() {
        return PermissionRule.of("GET", "/forbidden", Access.READ);
    }
}
