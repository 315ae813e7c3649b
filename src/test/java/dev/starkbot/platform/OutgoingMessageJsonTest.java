package dev.starkbot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Outbox rows hold messages as JSON: a row written by an earlier version must still be read after an upgrade. */
class OutgoingMessageJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRowWrittenBeforeNoticesAndAnswersInPlaceReadsAsAnOrdinaryMessage() {
        OutgoingMessage message = json.readValue("""
                {"chatId":"42","threadId":null,"text":"hello","replyTo":"7","buttons":[],"attachments":[]}""",
                OutgoingMessage.class);

        assertThat(message).isEqualTo(new OutgoingMessage("42", null, "hello", "7", java.util.List.of(),
                java.util.List.of()));
        assertThat(message.notice()).isFalse();
        assertThat(message.inResponseTo()).isNull();
    }

    @Test
    void aNoticeKeepsWhatItIs() {
        OutgoingMessage notice = OutgoingMessage.notice("42", null, "Started a new conversation.");

        assertThat(json.readValue(json.writeValueAsString(notice), OutgoingMessage.class)).isEqualTo(notice);
    }
}
