-- The job ledger. One statement set for H2 (2.x) and PostgreSQL: portable types only.
-- Instants are TIMESTAMP WITH TIME ZONE (written as UTC); JSON lists are plain text so that
-- neither database's JSON type is needed.
CREATE TABLE genjobs_job (
    ledger_id           VARCHAR(36)     NOT NULL,
    version             BIGINT          NOT NULL,
    provider            VARCHAR(64)     NOT NULL,
    operation           VARCHAR(128)    NOT NULL,
    state               VARCHAR(16)     NOT NULL,
    request_summary     VARCHAR(4000)   NOT NULL,
    request_fingerprint VARCHAR(64)     NOT NULL,
    correlation_token   VARCHAR(64)     NOT NULL,
    provider_job_id     VARCHAR(255),
    status              VARCHAR(16),
    raw_status          VARCHAR(255),
    failure_reason      VARCHAR(4000),
    outputs             VARCHAR(100000),
    attempts            VARCHAR(100000),
    expect_webhook      BOOLEAN         NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    next_poll_at        TIMESTAMP WITH TIME ZONE,
    lease_owner         VARCHAR(128),
    lease_until         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT genjobs_job_pk PRIMARY KEY (ledger_id),
    CONSTRAINT genjobs_job_token_uq UNIQUE (correlation_token),
    -- One provider job, one record: bind() and webhooks can never attach a job twice.
    CONSTRAINT genjobs_job_provider_job_uq UNIQUE (provider, provider_job_id)
);

-- Due polls are claimed by next_poll_at; list() filters by creation time and state.
CREATE INDEX genjobs_job_due_ix ON genjobs_job (next_poll_at);
CREATE INDEX genjobs_job_created_ix ON genjobs_job (created_at);
CREATE INDEX genjobs_job_state_ix ON genjobs_job (state);
