package dev.starkbot.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.job.JobService;
import dev.starkbot.schedule.ScheduleFired;
import dev.starkbot.schedule.SchedulesProperties;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fires the schedules that are due. Each schedule fires in one transaction (shared with a few others due at the same
 * poll) that moves it to its next fire time (a compare-and-set on the fire time it waited for), records the fire
 * under the key (schedule, fire time) and creates the run's job with its first attempt: all of it or nothing. A
 * process dying at any point leaves either the whole fire or none of it, and an instance losing the
 * compare-and-set to another does nothing; so each fire time fires once, across restarts and across instances.
 * Running the job may then take several attempts.
 */
@Component
class ScheduleFiring {

    static final String JOB_TYPE = "schedule.run";

    private static final Logger log = LoggerFactory.getLogger(ScheduleFiring.class);
    private static final int BATCH = 100;
    /** Schedules fired in one transaction: few enough that the runs of the first start soon after their fire. */
    private static final int PER_TRANSACTION = 20;
    private static final Duration KEEP_FIRES = Duration.ofDays(7);

    private final ScheduleRepository schedules;
    private final JobService jobs;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final SchedulesProperties properties;
    private final JsonMapper json;
    private final UserService users;

    ScheduleFiring(ScheduleRepository schedules, JobService jobs, TransactionTemplate transaction,
                   ApplicationEventPublisher events, SchedulesProperties properties, JsonMapper json,
                   UserService users) {
        this.users = users;
        this.schedules = schedules;
        this.jobs = jobs;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Fires everything due at {@code now}, a batch at a time. Leaving the rest for the next poll would make each
     * hundred schedules due at the same moment (everyone's 09:00) a polling interval later than the hundred before.
     *
     * @return the runs started
     */
    List<ScheduleFired> fireDue(Instant now) {
        List<ScheduleFired> started = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean more = true;
        while (more) {
            List<ScheduleRepository.Due> batch = schedules.due(now.toEpochMilli(), BATCH);
            // one still due after its turn in this poll (it failed, or changed meanwhile) is left to the next poll
            List<ScheduleRepository.Due> fresh = batch.stream().filter(due -> seen.add(due.id())).toList();
            boolean failed = fresh.size() < batch.size();
            for (int from = 0; from < fresh.size(); from += PER_TRANSACTION) {
                failed |= !fireTogether(fresh.subList(from, Math.min(from + PER_TRANSACTION, fresh.size())), now,
                        started);
            }
            // Every schedule of a full batch has moved past now (fired, skipped, or moved by another instance), so
            // the next query finds only others; one that failed would come back at once, so it ends the poll.
            more = batch.size() == BATCH && !failed;
        }
        return started;
    }

    /**
     * Fires a few schedules in one transaction: on SQLite each transaction waits for the one write lock, which the
     * job workers running the previous fires' tasks take too, and a fire is mostly that wait; on PostgreSQL each
     * commit waits for the disk. If one of them fails, the transaction rolls back whole and each is fired again
     * on its own, so one broken schedule holds back no other.
     *
     * @return false when a schedule could not fire
     */
    private boolean fireTogether(List<ScheduleRepository.Due> group, Instant now, List<ScheduleFired> started) {
        try {
            List<ScheduleFired> fired = transaction.execute(status -> group.stream().map(due -> fire(due, now))
                    .filter(Objects::nonNull).toList());
            for (ScheduleFired each : fired == null ? List.<ScheduleFired>of() : fired) {
                events.publishEvent(each); // after the commit: a fire that rolled back is not announced
                started.add(each);
            }
            return true;
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                log.warn("Schedule {} could not fire; the next poll tries again", group.getFirst().id(), e);
                return false;
            }
            boolean all = true;
            for (ScheduleRepository.Due due : group) {
                all &= fireTogether(List.of(due), now, started);
            }
            return all;
        }
    }

    private @Nullable ScheduleFired fire(ScheduleRepository.Due due, Instant now) {
        ScheduleRow row = schedules.find(due.id()).orElse(null);
        if (row == null || !row.enabled() || row.nextFireAt() == null || row.nextFireAt() != due.nextFireAt()) {
            return null; // changed since the poll read it, or fired by another instance
        }
        Instant waitedFor = Instant.ofEpochMilli(due.nextFireAt());
        FirePlan plan = FirePlan.of(FireTimes.of(row.trigger()), waitedFor, now, properties.missedAfter(),
                row.missedRuns());
        Long next = plan.next() == null ? null : plan.next().toEpochMilli();
        if (!schedules.advance(row.id(), due.nextFireAt(), next, now.toEpochMilli())) {
            return null;
        }
        Instant fireAt = plan.fireAt();
        if (fireAt == null) {
            log.info("Schedule {} skipped the fire times it missed from {} on (its policy is skip); next at {}",
                    row.id(), waitedFor, plan.next());
            return null;
        }
        String skip = skipReason(row);
        if (skip != null) {
            // the fire time passes without a run: nothing piles up behind a slow task or an owner who cannot act
            log.info("Schedule {} did not run for {}: {}", row.id(), fireAt, skip);
            return null;
        }
        if (!schedules.recordFire(row.id(), fireAt.toEpochMilli(), plan.catchUp(), now.toEpochMilli())) {
            log.warn("Schedule {} was due at {} again, which has fired already; not firing it twice", row.id(),
                    fireAt);
            return null;
        }
        String payload = json.createObjectNode().put("scheduleId", row.id()).put("fireTime", fireAt.toString())
                .put("catchUp", plan.catchUp()).toString();
        String jobId = jobs.enqueue(JOB_TYPE, row.ownerId(), payload, row.maxAttempts());
        schedules.fired(row.id(), fireAt.toEpochMilli(), jobId);
        schedules.pruneFires(row.id(), fireAt.minus(KEEP_FIRES).toEpochMilli());
        if (plan.catchUp()) {
            log.info("Schedule {} runs once for the fire times it missed from {} to {} (its policy is run-once)",
                    row.id(), waitedFor, fireAt);
        }
        return new ScheduleFired(row.id(), row.ownerId(), fireAt, jobId, plan.catchUp());
    }

    /** Why this fire time gets no run: the previous run has not finished, or the owner may not run tasks now. */
    private @Nullable String skipReason(ScheduleRow row) {
        if (row.lastJobId() != null && jobs.find(row.lastJobId()).map(job -> !job.status().finished())
                .orElse(false)) {
            return "its previous run has not finished";
        }
        if (!users.activeRole(row.ownerId()).map(role -> role.includes(Role.USER)).orElse(false)) {
            return "its owner's account is not active or may not run tasks";
        }
        return null;
    }
}
