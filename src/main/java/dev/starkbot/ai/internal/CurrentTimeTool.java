package dev.starkbot.ai.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiService;
import dev.starkbot.ai.ToolSpec;
import dev.starkbot.ai.spi.Tool;
import tools.jackson.databind.JsonNode;

/** The time now, in the person's own zone unless the model asks for another; models do not know what day it is. */
@Component
class CurrentTimeTool implements Tool {

    private static final ToolSpec SPEC = new ToolSpec("current_time",
            "The current date and time in the user's time zone, or in the IANA zone given.",
            """
            {"type":"object","properties":{"timezone":{"type":"string",\
            "description":"IANA time zone such as Europe/Paris; the user's own when omitted"}}}""");

    private final Clock clock;

    CurrentTimeTool(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String call(JsonNode input, AiService.ToolContext context) {
        ZoneId zone = context.zone();
        String asked = input.path("timezone").asString("");
        if (!asked.isBlank()) {
            try {
                zone = ZoneId.of(asked);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone '" + asked + "'");
            }
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        return now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " ("
                + now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", " + zone.getId() + ")";
    }
}
