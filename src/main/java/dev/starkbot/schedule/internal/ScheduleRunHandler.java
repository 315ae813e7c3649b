package dev.starkbot.schedule.internal;

import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;
import dev.starkbot.schedule.spi.TaskAction;
import dev.starkbot.schedule.spi.TaskRun;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a schedule's task: the job that a fire created. It reads the schedule as it is now (a run after an edit
 * uses the edited task) and runs it only while the owner may: an account disabled or made read-only since stops
 * its schedules' runs, which fail saying so.
 */
@Component
class ScheduleRunHandler implements JobHandler {

    private final ScheduleRepository schedules;
    private final TaskActions actions;
    private final UserService users;
    private final SealedTaskParams sealed;
    private final JsonMapper json;

    ScheduleRunHandler(ScheduleRepository schedules, TaskActions actions, UserService users, SealedTaskParams sealed,
                       JsonMapper json) {
        this.schedules = schedules;
        this.actions = actions;
        this.users = users;
        this.sealed = sealed;
        this.json = json;
    }

    @Override
    public String type() {
        return ScheduleFiring.JOB_TYPE;
    }

    @Override
    public @Nullable String run(JobContext context) throws Exception {
        JsonNode payload = json.readTree(context.payload());
        String scheduleId = payload.path("scheduleId").asString();
        ScheduleRow row = schedules.find(scheduleId)
                .orElseThrow(() -> new IllegalStateException("The schedule was deleted before this run"));
        if (!row.enabled()) {
            // a retry, or a retry asked for by hand, of a schedule its owner has since turned off
            throw new IllegalStateException("The schedule was disabled before this run");
        }
        Role role = users.activeRole(row.ownerId())
                .orElseThrow(() -> new IllegalStateException("The schedule's owner's account is not active"));
        if (!role.includes(Role.USER)) {
            throw new IllegalStateException("The schedule's owner may no longer run tasks (role " + role.id() + ")");
        }
        TaskAction action = actions.find(row.taskType()).orElseThrow(() -> new IllegalStateException(
                "This server has no task type '" + row.taskType() + "'"));
        return action.run(new Run(row.ownerId(), row.id(), sealed.open(row),
                Instant.parse(payload.path("fireTime").asString()), context::cancelled));
    }

    private record Run(String ownerId, String scheduleId, JsonNode params, Instant fireTime,
                       BooleanSupplier cancellation) implements TaskRun {

        @Override
        public boolean cancelled() {
            return cancellation.getAsBoolean();
        }
    }
}
