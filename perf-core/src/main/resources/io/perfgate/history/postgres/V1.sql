-- Runs, their series snapshots and budget line verdicts, and pinned baselines
--
-- One row per run; (project, run_id) is unique, so a retried build can never store a run twice.
-- Series and lines are rows of their own (not a JSON blob) so that dashboards and ad-hoc queries can
-- chart, say, the p95 of one endpoint over the last hundred builds with plain SQL. Free-form maps
-- (labels, tag filters) are jsonb.
CREATE TABLE perfgate_run (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project     text        NOT NULL,
    run_id      text        NOT NULL,
    branch      text        NOT NULL,
    commit_id   text,
    build_url   text,
    started_at  timestamptz NOT NULL,
    verdict     text        NOT NULL CHECK (verdict IN ('PASS', 'WARN', 'FAIL', 'ERROR')),
    labels      jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    flag_reason text,
    flagged_at  timestamptz,
    CONSTRAINT perfgate_run_project_run_id_key UNIQUE (project, run_id)
);

CREATE INDEX perfgate_run_by_branch ON perfgate_run (project, branch, started_at DESC);

CREATE TABLE perfgate_series (
    run_ref      bigint  NOT NULL REFERENCES perfgate_run (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    series       text    NOT NULL,
    metric       text    NOT NULL,
    tags         jsonb   NOT NULL,
    metric_type  text    NOT NULL,
    contents     text    NOT NULL,
    sample_count bigint  NOT NULL,
    rate         double precision,
    min_value    double precision,
    avg_value    double precision,
    med_value    double precision,
    p90_value    double precision,
    p95_value    double precision,
    p99_value    double precision,
    max_value    double precision,
    error_rate   double precision,
    histogram    bytea,
    PRIMARY KEY (run_ref, position)
);

CREATE TABLE perfgate_line (
    run_ref    bigint  NOT NULL REFERENCES perfgate_run (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    series     text    NOT NULL,
    metric     text    NOT NULL,
    tags       jsonb   NOT NULL,
    expression text    NOT NULL,
    observed   double precision,
    verdict    text    NOT NULL CHECK (verdict IN ('PASS', 'WARN', 'FAIL', 'ERROR')),
    PRIMARY KEY (run_ref, position)
);

CREATE TABLE perfgate_pin (
    project   text        NOT NULL,
    branch    text        NOT NULL,
    run_id    text        NOT NULL,
    pinned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project, branch),
    FOREIGN KEY (project, run_id) REFERENCES perfgate_run (project, run_id) ON DELETE CASCADE
);
