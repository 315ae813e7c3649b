-- db-scheduler's table, in the column types both databases accept (SQLite takes any type name).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(100) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    state                VARCHAR(100),
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_time ON scheduled_tasks (priority, execution_time);

-- What people see of background work: one row per job, whatever attempts db-scheduler makes for it.
CREATE TABLE jobs (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id         VARCHAR(36),
    type             VARCHAR(100)  NOT NULL,
    -- pending, running, completed, failed, cancelled
    status           VARCHAR(16)   NOT NULL,
    payload          VARCHAR(8000),
    progress_percent INTEGER       NOT NULL,
    progress_message VARCHAR(500),
    result           VARCHAR(8000),
    error            VARCHAR(2000),
    attempts         INTEGER       NOT NULL,
    -- the current run: an execution carrying another token (from before a cancel or retry) does nothing
    run_token        VARCHAR(36)   NOT NULL,
    max_attempts     INTEGER       NOT NULL,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT
);
CREATE INDEX jobs_owner_created ON jobs (owner_id, created_at);
CREATE INDEX jobs_status ON jobs (status);
