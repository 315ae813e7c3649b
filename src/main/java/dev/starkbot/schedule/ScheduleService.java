package dev.starkbot.schedule;

import java.util.List;

/**
 * Schedules of one owner. Every method acts on the owner's own schedules only: another owner's id is not found,
 * exactly like an unknown one. Invalid drafts are refused with every invalid field named.
 */
public interface ScheduleService {

    List<Schedule> list(String ownerId);

    Schedule get(String ownerId, String id);

    Schedule create(String ownerId, ScheduleDraft draft);

    /** Replaces the schedule's description; when it fires next is worked out again from now. */
    Schedule update(String ownerId, String id, ScheduleDraft draft);

    /** Disabled, it does not fire and misses nothing: enabled again, it fires at its next fire time from then. */
    Schedule setEnabled(String ownerId, String id, boolean enabled);

    void delete(String ownerId, String id);

    /** The next fire times of a trigger from now, at most 50. */
    List<FireTime> preview(Trigger trigger, int count);
}
