-- Scheduled tasks. A schedule waits for next_fire_at; firing it advances next_fire_at with a compare-and-set in the
-- same transaction that records the fire and creates its job, so each fire time fires once, whatever restarts or
-- instances there are.
CREATE TABLE schedules (
    id             VARCHAR(36)    NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(36)    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           VARCHAR(100)   NOT NULL,
    -- cron, interval or once
    trigger_type   VARCHAR(16)    NOT NULL,
    -- the cron expression as written, the interval as an ISO-8601 duration, or the one-time wall-clock time
    trigger_value  VARCHAR(200)   NOT NULL,
    -- an interval's first fire time, as wall-clock time
    trigger_start  VARCHAR(40),
    time_zone      VARCHAR(64)    NOT NULL,
    task_type      VARCHAR(50)    NOT NULL,
    -- the task's parameters (JSON), sealed: they may hold credentials such as an HTTP task's Authorization header
    task_params      TEXT NOT NULL,
    -- run-once or skip
    missed_runs    VARCHAR(16)    NOT NULL,
    max_attempts   INTEGER        NOT NULL,
    enabled        BOOLEAN        NOT NULL,
    -- null while disabled, and once the trigger will not fire again
    next_fire_at   BIGINT,
    last_fire_at   BIGINT,
    last_job_id    VARCHAR(36),
    created_at     BIGINT         NOT NULL,
    updated_at     BIGINT         NOT NULL
);
CREATE INDEX schedules_owner ON schedules (owner_id, created_at);
CREATE INDEX schedules_next_fire ON schedules (next_fire_at);

-- One row per fire time that fired: the key that makes a second fire of the same time impossible, even if
-- next_fire_at were ever set back (a clock stepping back, another instance's clock behind). Pruned after a week.
CREATE TABLE schedule_fires (
    schedule_id  VARCHAR(36) NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    fire_at      BIGINT      NOT NULL,
    job_id       VARCHAR(36),
    -- a missed fire time run late (run-once)
    catch_up     BOOLEAN     NOT NULL,
    fired_at     BIGINT      NOT NULL,
    PRIMARY KEY (schedule_id, fire_at)
);
