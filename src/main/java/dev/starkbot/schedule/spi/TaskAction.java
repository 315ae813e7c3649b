package dev.starkbot.schedule.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.starkbot.shared.InvalidField;
import tools.jackson.databind.JsonNode;

/**
 * Carries out one task type of scheduled tasks, such as {@code http}. One bean per type; two of one type stop
 * start-up. A run happens on the owner's behalf, with the owner's rights: an action reaches only what the owner
 * could (their conversations, their channels), never what the server could.
 */
public interface TaskAction {

    /** The type users name in a schedule's task: lower case, digits and dashes, such as {@code ai-prompt}. */
    String type();

    /**
     * Checks a task's parameters when a schedule is saved, so that mistakes are refused then rather than found at
     * its first run.
     *
     * @param ownerId the user saving the schedule, who will own its runs
     * @return what is wrong, each with the parameter's path inside {@code params} ({@code url},
     *         {@code headers.Host}); empty when they are valid
     */
    List<InvalidField> validate(String ownerId, JsonNode params);

    /**
     * Runs the task once. It may run again for the same fire time (a retry, or a process that died mid-run), so
     * it should be safe to repeat, or the schedule should allow a single attempt. Throwing fails the attempt.
     *
     * @return a short text kept as the run's result (often JSON), or null
     */
    @Nullable String run(TaskRun run) throws Exception;
}
