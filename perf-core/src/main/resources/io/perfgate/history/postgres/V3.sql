-- What the application's database ran during each run's load, from pg_stat_statements
--
-- A run with database snapshots keeps the statements that took most time and those a budget line
-- selects, one row each, so that a later build can say which statements moved against its baseline,
-- with the shape of the plan each had after the load (NULL when none was taken).
-- statement_count is how many distinct statements ran in all (more than the rows kept when only some
-- were); it is NULL for a run without snapshots and for every run recorded before statements were kept.
ALTER TABLE perfgate_run ADD COLUMN statement_count integer CHECK (statement_count >= 0);

CREATE TABLE perfgate_statement (
    run_ref           bigint           NOT NULL REFERENCES perfgate_run (id) ON DELETE CASCADE,
    position          integer          NOT NULL,
    query_id          bigint           NOT NULL,
    user_name         text             NOT NULL,
    query             text             NOT NULL,
    calls             bigint           NOT NULL CHECK (calls >= 1),
    calls_per_request double precision,
    mean_time         double precision NOT NULL,
    total_time        double precision NOT NULL,
    row_count         bigint           NOT NULL,
    plan_hash         text,
    plan_shape        text,
    CHECK ((plan_hash IS NULL) = (plan_shape IS NULL)),
    PRIMARY KEY (run_ref, position)
);
