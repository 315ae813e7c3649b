package dev.starkbot.platform.telegram.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;

import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;

/**
 * Telegram's webhook: each update is checked against the secret registered with {@code setWebhook} (in constant
 * time), recorded, and only then answered 200. Any other answer makes Telegram deliver the update again later, so a
 * failure to record loses nothing.
 */
@RestController
@ConditionalOnProperty(name = "starkbot.platforms.telegram.enabled", havingValue = "true", matchIfMissing = true)
class TelegramWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Updates are small JSON documents (files come by reference); anything bigger is not Telegram. */
    private static final int MAX_BODY = 1 << 20;

    private final TelegramPlatform telegram;

    TelegramWebhookController(TelegramPlatform telegram) {
        this.telegram = telegram;
    }

    @PostMapping("/webhooks/telegram")
    ResponseEntity<Void> update(@RequestHeader(name = SECRET_HEADER, required = false) @Nullable String secret,
                                @RequestBody(required = false) byte @Nullable [] body) {
        Optional<String> expected = telegram.webhookSecret();
        // outside webhook mode there is no secret, and every caller gets the same 401 as a wrong one
        if (expected.isEmpty() || secret == null || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (body == null || body.length > MAX_BODY) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
        }
        Update update;
        try {
            update = BotUtils.parseUpdate(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // answered 200: a malformed update would be redelivered forever otherwise
            log.warn("Ignoring a Telegram webhook update that is not valid JSON");
            return ResponseEntity.ok().build();
        }
        if (update == null) {
            return ResponseEntity.ok().build();
        }
        telegram.receive(update);
        return ResponseEntity.ok().build();
    }

    /**
     * Authenticated by the secret header, not by an account. Limited as reads (600 a minute per address), not as
     * writes: behind a reverse proxy every update comes from one address, and a busy group must not be throttled.
     */
    @Bean
    static PermissionRule telegramWebhookRule() {
        return new PermissionRule("POST", "/webhooks/telegram", Access.OWN_GUARD, "read", false);
    }
}
