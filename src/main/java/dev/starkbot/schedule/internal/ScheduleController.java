package dev.starkbot.schedule.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.schedule.FireTime;
import dev.starkbot.schedule.Schedule;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** The caller's own scheduled tasks. */
@RestController
@RequestMapping("/api/schedules")
class ScheduleController {

    /**
     * @param missedRuns  {@code run-once} (the default) or {@code skip}
     * @param maxAttempts attempts each run gets, 3 when absent
     * @param enabled     true when absent on creation; unchanged when absent on replacement
     */
    record ScheduleBody(@NotBlank @Size(max = 100) String name, @NotNull @Valid TriggerBody trigger,
                        @NotNull @Valid TaskBody task, @Pattern(regexp = "run-once|skip") @Nullable String missedRuns,
                        @Min(1) @Max(10) @Nullable Integer maxAttempts, @Nullable Boolean enabled) {
    }

    /**
     * Which fields a trigger needs depends on its type: {@code expression} for {@code cron}, {@code every} (and
     * optionally {@code startAt}) for {@code interval}, {@code at} for {@code once}; {@code zone} for all, the
     * owner's preferred time zone when absent. Times are wall-clock times of the zone, without an offset.
     */
    record TriggerBody(@NotNull @Pattern(regexp = "cron|interval|once") String type,
                       @Size(max = CronSyntax.MAX_LENGTH) @Nullable String expression,
                       @Size(max = 40) @Nullable String every, @Size(max = 40) @Nullable String startAt,
                       @Size(max = 40) @Nullable String at, @Size(max = 64) @Nullable String zone) {
    }

    record TaskBody(@NotBlank @Size(max = 50) String type, @Nullable JsonNode params) {
    }

    record PreviewBody(@NotNull @Valid TriggerBody trigger, @Min(1) @Max(50) @Nullable Integer count) {
    }

    private final DefaultScheduleService schedules;
    private final ScheduleInputs inputs;

    ScheduleController(DefaultScheduleService schedules, ScheduleInputs inputs) {
        this.schedules = schedules;
        this.inputs = inputs;
    }

    @GetMapping
    @RpcMethod(value = "schedules.list", description = "The caller's schedules, oldest first")
    List<Schedule> list(@AuthenticationPrincipal Principal me) {
        return schedules.list(me.userId());
    }

    @GetMapping("/{id}")
    @RpcMethod(value = "schedules.get", description = "One of the caller's schedules, with its next fire times "
            + "and latest run")
    Schedule get(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return schedules.get(me.userId(), id);
    }

    @PostMapping
    @RpcMethod(value = "schedules.create", description = "Create a scheduled task")
    ResponseEntity<Schedule> create(@AuthenticationPrincipal Principal me, @Valid @RequestBody ScheduleBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(schedules.create(me.userId(), inputs.draft(me.userId(), body, true)));
    }

    @PutMapping("/{id}")
    @RpcMethod(value = "schedules.update", description = "Replace one of the caller's schedules")
    Schedule update(@AuthenticationPrincipal Principal me, @PathVariable String id,
                    @Valid @RequestBody ScheduleBody body) {
        boolean enabled = body.enabled() != null ? body.enabled() : schedules.get(me.userId(), id).enabled();
        return schedules.update(me.userId(), id, inputs.draft(me.userId(), body, enabled));
    }

    @PostMapping("/{id}/enable")
    @RpcMethod(value = "schedules.enable", description = "Let a schedule fire again, from its next fire time")
    Schedule enable(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return schedules.setEnabled(me.userId(), id, true);
    }

    @PostMapping("/{id}/disable")
    @RpcMethod(value = "schedules.disable", description = "Stop a schedule from firing until it is enabled")
    Schedule disable(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return schedules.setEnabled(me.userId(), id, false);
    }

    @DeleteMapping("/{id}")
    @RpcMethod(value = "schedules.delete", description = "Delete one of the caller's schedules")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        schedules.delete(me.userId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/preview")
    @RpcMethod(value = "schedules.preview", description = "The next fire times of a trigger, in its zone")
    List<FireTime> preview(@AuthenticationPrincipal Principal me, @Valid @RequestBody PreviewBody body) {
        return schedules.preview(inputs.trigger(me.userId(), body.trigger()),
                body.count() == null ? 10 : body.count());
    }
}
