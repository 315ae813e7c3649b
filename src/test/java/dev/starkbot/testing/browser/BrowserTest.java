package dev.starkbot.testing.browser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that drives Debian's Chromium through Playwright: its test methods take a
 * {@link BrowserSession} parameter. Tagged {@code browser}, so that these tests run alone with
 * {@code -Dgroups=browser -Dskip.sqlcipher=true -Dskip.postgres=true}; skipped, with the reason, when
 * {@code /usr/bin/chromium} is missing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface BrowserTest {
}
