package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.ScheduleDraft;
import dev.starkbot.schedule.Task;
import dev.starkbot.schedule.Trigger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TaskSecretsTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void headerValuesAreHiddenInViewsAndAHiddenValueSentBackKeepsTheStoredOne() {
        JsonNode stored = JSON.readTree("""
                {"method":"POST","url":"https://hooks.example.com/x",
                 "headers":{"Authorization":"Bearer s3cret","X-Trace":"1"}}""");
        JsonNode shown = TaskSecrets.hide("http", stored);
        assertThat(shown.toString()).doesNotContain("s3cret").contains("\"Authorization\":\"********\"");
        assertThat(stored.toString()).contains("s3cret");

        JsonNode edited = JSON.readTree("""
                {"method":"POST","url":"https://hooks.example.com/y",
                 "headers":{"Authorization":"********","X-Trace":"2"}}""");
        ScheduleDraft kept = TaskSecrets.keep(new ScheduleDraft("x", new Trigger.Cron("@daily", ZoneId.of("UTC")),
                new Task("http", edited), MissedRunPolicy.SKIP, 1, true), "http", stored);
        assertThat(kept.task().params().path("headers").path("Authorization").asString()).isEqualTo("Bearer s3cret");
        assertThat(kept.task().params().path("headers").path("X-Trace").asString()).isEqualTo("2");
        assertThat(kept.task().params().path("url").asString()).endsWith("/y");
        assertThat(TaskSecrets.hide("message", JSON.readTree("{\"text\":\"hi\"}")).toString()).contains("hi");
    }
}
