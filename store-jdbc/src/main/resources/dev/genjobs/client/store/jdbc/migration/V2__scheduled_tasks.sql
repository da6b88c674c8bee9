-- db-scheduler's table (issue 19: durable work runs as db-scheduler task executions), named for us
-- so that it sits beside an application's own db-scheduler table. The columns are db-scheduler
-- 16's; the types are ones PostgreSQL, SQLite and H2 all accept (BYTEA is an alias of
-- VARBINARY in H2; SQLite takes any type name and stores db-scheduler's timestamps as integers).
CREATE TABLE genjobs_scheduled_tasks (
    task_name            VARCHAR(255)             NOT NULL,
    task_instance        VARCHAR(255)             NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            VARCHAR(128),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    CONSTRAINT genjobs_scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX genjobs_scheduled_tasks_execution_time_ix ON genjobs_scheduled_tasks (execution_time);
CREATE INDEX genjobs_scheduled_tasks_heartbeat_ix ON genjobs_scheduled_tasks (last_heartbeat);
CREATE INDEX genjobs_scheduled_tasks_priority_ix ON genjobs_scheduled_tasks (priority, execution_time);
