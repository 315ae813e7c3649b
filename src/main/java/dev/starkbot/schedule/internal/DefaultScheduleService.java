package dev.starkbot.schedule.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.starkbot.schedule.FireTime;
import dev.starkbot.schedule.Schedule;
import dev.starkbot.schedule.ScheduleChanged;
import dev.starkbot.schedule.ScheduleDraft;
import dev.starkbot.schedule.ScheduleService;
import dev.starkbot.schedule.SchedulesProperties;
import dev.starkbot.schedule.Trigger;

@Service
class DefaultScheduleService implements ScheduleService {

    static final int MAX_PREVIEW = 50;

    private final ScheduleRepository schedules;
    private final ScheduleRules rules;
    private final ScheduleViews views;
    private final SealedTaskParams sealed;
    private final SchedulesProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DefaultScheduleService(ScheduleRepository schedules, ScheduleRules rules, ScheduleViews views,
                           SealedTaskParams sealed, SchedulesProperties properties,
                           ApplicationEventPublisher events, Clock clock) {
        this.schedules = schedules;
        this.rules = rules;
        this.views = views;
        this.sealed = sealed;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<Schedule> list(String ownerId) {
        return schedules.list(ownerId).stream().map(views::of).toList();
    }

    @Override
    public Schedule get(String ownerId, String id) {
        return views.of(owned(ownerId, id));
    }

    /**
     * The limit is checked before the insert, so two creations at the same moment could both pass it; the only
     * effect would be one schedule more than the limit.
     */
    @Override
    public Schedule create(String ownerId, ScheduleDraft draft) {
        Instant now = clock.instant();
        rules.check(ownerId, draft, now, true);
        if (schedules.count(ownerId) >= properties.maxPerUser()) {
            throw new ScheduleException.LimitReached(properties.maxPerUser());
        }
        String id = UUID.randomUUID().toString();
        ScheduleRow row = row(id, ownerId, draft, next(draft.trigger(), draft.enabled(), now, null), now.toEpochMilli(),
                null, null);
        schedules.insert(row);
        return announce(views.of(row), ScheduleChanged.Change.CREATED);
    }

    /** A one-time trigger left as it was may lie in the past (it has fired); a changed one may not. */
    @Override
    public Schedule update(String ownerId, String id, ScheduleDraft replacement) {
        ScheduleRow current = owned(ownerId, id);
        ScheduleDraft draft = TaskSecrets.keep(replacement, current.taskType(), sealed.open(current));
        Instant now = clock.instant();
        rules.check(ownerId, draft, now, !draft.trigger().equals(current.trigger()));
        ScheduleRow row = row(id, ownerId, draft, next(draft.trigger(), draft.enabled(), now, current.lastFireAt()),
                current.createdAt(), current.lastFireAt(), current.lastJobId());
        if (!schedules.update(row)) {
            throw new ScheduleException.NotFound();
        }
        return announce(get(ownerId, id), ScheduleChanged.Change.UPDATED);
    }

    /** Enabling an enabled schedule changes nothing: working out its next fire time again could skip a due one. */
    @Override
    public Schedule setEnabled(String ownerId, String id, boolean enabled) {
        ScheduleRow current = owned(ownerId, id);
        if (current.enabled() == enabled) {
            return views.of(current);
        }
        Instant now = clock.instant();
        if (!schedules.setEnabled(id, ownerId, enabled, next(current.trigger(), enabled, now, current.lastFireAt()),
                now.toEpochMilli())) {
            throw new ScheduleException.NotFound();
        }
        return announce(get(ownerId, id), ScheduleChanged.Change.UPDATED);
    }

    @Override
    public void delete(String ownerId, String id) {
        Schedule schedule = get(ownerId, id);
        if (!schedules.delete(id, ownerId)) {
            throw new ScheduleException.NotFound();
        }
        announce(schedule, ScheduleChanged.Change.DELETED);
    }

    @Override
    public List<FireTime> preview(Trigger trigger, int count) {
        rules.checkTrigger(trigger, clock.instant(), false);
        return views.upcoming(trigger, clock.instant(), Math.max(1, Math.min(count, MAX_PREVIEW)));
    }

    /**
     * The first fire time after now, or after the latest run if that is later (another instance's clock ahead of
     * ours), so that a change never brings back a fire time that has fired.
     */
    private @Nullable Long next(Trigger trigger, boolean enabled, Instant now, @Nullable Long lastFireAt) {
        if (!enabled) {
            return null;
        }
        Instant from = lastFireAt != null && lastFireAt > now.toEpochMilli() ? Instant.ofEpochMilli(lastFireAt) : now;
        return FireTimes.of(trigger).next(from).map(Instant::toEpochMilli).orElse(null);
    }

    private ScheduleRow row(String id, String ownerId, ScheduleDraft draft, @Nullable Long nextFireAt, long createdAt,
                            @Nullable Long lastFireAt, @Nullable String lastJobId) {
        return new ScheduleRow(id, ownerId, draft.name(), draft.trigger(), draft.task().type(),
                sealed.seal(id, draft.task().params()),
                draft.missedRuns(), draft.maxAttempts(), draft.enabled(), nextFireAt, lastFireAt, lastJobId,
                createdAt, clock.millis());
    }

    /** Someone else's schedule is answered exactly like an unknown one. */
    private ScheduleRow owned(String ownerId, String id) {
        return schedules.find(id).filter(row -> row.ownerId().equals(ownerId))
                .orElseThrow(ScheduleException.NotFound::new);
    }

    private Schedule announce(Schedule schedule, ScheduleChanged.Change change) {
        events.publishEvent(new ScheduleChanged(schedule, change));
        return schedule;
    }
}
