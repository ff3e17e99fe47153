-- Each round's statistics of a build that ran its load several times
--
-- A build that repeats its load k times keeps, beside each pooled row of perfgate_series, one row per
-- round that measured the series: the statistics alone, the histogram stays with the pooled row. The
-- run's round_count says how many rounds there were (0 for single-run builds and for every run
-- recorded before rounds were kept), so a round that measured none of the series still counts.
ALTER TABLE perfgate_run ADD COLUMN round_count integer NOT NULL DEFAULT 0 CHECK (round_count >= 0);

CREATE TABLE perfgate_series_round (
    run_ref      bigint  NOT NULL,
    position     integer NOT NULL,
    round        integer NOT NULL CHECK (round >= 1),
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
    PRIMARY KEY (run_ref, position, round),
    FOREIGN KEY (run_ref, position) REFERENCES perfgate_series (run_ref, position) ON DELETE CASCADE
);
