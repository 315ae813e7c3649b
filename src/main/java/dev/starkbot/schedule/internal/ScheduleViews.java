package dev.starkbot.schedule.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.starkbot.job.JobService;
import dev.starkbot.job.JobView;
import dev.starkbot.schedule.FireTime;
import dev.starkbot.schedule.Schedule;
import dev.starkbot.schedule.Task;
import dev.starkbot.schedule.Trigger;

/** Schedules as their owners see them: parameters opened, next fire times worked out, the latest run's job. */
@Component
class ScheduleViews {

    static final int UPCOMING = 5;

    private final SealedTaskParams sealed;
    private final JobService jobs;

    ScheduleViews(SealedTaskParams sealed, JobService jobs) {
        this.sealed = sealed;
        this.jobs = jobs;
    }

    Schedule of(ScheduleRow row) {
        Task task = new Task(row.taskType(), TaskSecrets.hide(row.taskType(), sealed.open(row)));
        List<FireTime> upcoming = new ArrayList<>();
        if (row.nextFireAt() != null) {
            Instant next = Instant.ofEpochMilli(row.nextFireAt());
            upcoming.add(fireTime(next, row.trigger().zone()));
            upcoming.addAll(upcoming(row.trigger(), next, UPCOMING - 1));
        }
        JobView lastJob = row.lastJobId() == null ? null : jobs.find(row.lastJobId())
                .filter(job -> row.ownerId().equals(job.ownerId())).orElse(null);
        return new Schedule(row.id(), row.ownerId(), row.name(), row.trigger(), task, row.missedRuns(),
                row.maxAttempts(), row.enabled(), row.nextFireAt() == null ? null : Instant.ofEpochMilli(
                row.nextFireAt()), List.copyOf(upcoming), row.lastFireAt() == null ? null : Instant.ofEpochMilli(
                row.lastFireAt()), lastJob, Instant.ofEpochMilli(row.createdAt()), Instant.ofEpochMilli(
                row.updatedAt()));
    }

    List<FireTime> upcoming(Trigger trigger, Instant after, int count) {
        return FireTimes.upcoming(FireTimes.of(trigger), after, count).stream()
                .map(at -> fireTime(at, trigger.zone())).toList();
    }

    static FireTime fireTime(Instant at, ZoneId zone) {
        return new FireTime(at, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone)));
    }
}
