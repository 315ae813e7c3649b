package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The webhook secret: what Telegram accepts, the same on every instance, different for every bot. */
class TelegramConnectorTest {

    @Test
    void theWebhookSecretIsStablePerTokenDifferentAcrossTokensAndInTelegramsAlphabet() {
        String secret = TelegramConnector.secret("7000000001:AAHfakeTokenForStarkBotTests-012345");

        assertThat(secret).matches("[A-Za-z0-9_-]{1,256}");
        assertThat(TelegramConnector.secret("7000000001:AAHfakeTokenForStarkBotTests-012345")).isEqualTo(secret);
        assertThat(TelegramConnector.secret("7000000002:AAHfakeTokenForStarkBotTests-012345")).isNotEqualTo(secret);
        assertThat(secret).doesNotContain("AAHfake");
    }
}
