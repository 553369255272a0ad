-- 0015_opinion_stats_monthly (postgres): the dashboard's monthly rollup per county and breakdown, kept by triggers
-- (docs/adr/0038). The table was written with scripts/new-migration.sh from the EF model (OpinionStatsMonth);
-- the functions and the triggers by hand.
CREATE TABLE opinion_stats_monthly (
    county character varying(12) NOT NULL,
    month integer NOT NULL,
    dim character varying(1) NOT NULL,
    key character varying(32) NOT NULL,
    closed_month integer NOT NULL,
    received integer NOT NULL,
    rehandled integer NOT NULL,
    rounds integer NOT NULL,
    due integer NOT NULL,
    replied integer NOT NULL,
    on_time integer NOT NULL,
    rated integer NOT NULL,
    satisfied integer NOT NULL,
    basically_satisfied integer NOT NULL,
    unsatisfied integer NOT NULL,
    CONSTRAINT "PK_opinion_stats_monthly" PRIMARY KEY (county, month, dim, key, closed_month)
);

-- The China month (yyyymm) of an instant.
CREATE FUNCTION renda_china_month(t timestamp with time zone) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT (extract(year FROM (t AT TIME ZONE 'UTC') + interval '8 hours') * 100
          + extract(month FROM (t AT TIME ZONE 'UTC') + interval '8 hours'))::integer
$fn$;

-- What one opinion contributes: one row per breakdown (u c s w, and x = state for received) and per event it has
-- (r received by created_at, d due by due_date while in the handling loop, p replied by replied_at, t rated by
-- rated_at), each dated by the event's China month, as OpinionStats' passes count them (docs/adr/0034).
CREATE FUNCTION opinion_stats_facts(o opinions) RETURNS TABLE (
    county text, month integer, dim text, key text, closed_month integer, received integer, rehandled integer, rounds integer,
    due integer, replied integer, on_time integer, rated integer, satisfied integer, basically_satisfied integer, unsatisfied integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT substr(o.jurisdiction_code, 1, 6),
           CASE e.ev WHEN 'r' THEN renda_china_month(o.created_at)
                     WHEN 'd' THEN (extract(year FROM o.due_date) * 100 + extract(month FROM o.due_date))::integer
                     WHEN 'p' THEN renda_china_month(o.replied_at)
                     ELSE renda_china_month(o.rated_at) END,
           d.dim,
           CASE d.dim WHEN 'u' THEN coalesce(o.unit_id::text, '')
                      WHEN 'c' THEN coalesce(o.category, '')
                      WHEN 's' THEN coalesce(o.station_id::text, '')
                      WHEN 'w' THEN substr(o.jurisdiction_code, 1, 9)
                      ELSE o.state END,
           CASE WHEN e.ev = 'd' AND o.closed_at IS NOT NULL THEN renda_china_month(o.closed_at) ELSE 0 END,
           (e.ev = 'r')::integer,
           (e.ev = 'r' AND o.round > 0)::integer,
           CASE WHEN e.ev = 'r' THEN o.round ELSE 0 END,
           (e.ev = 'd')::integer,
           (e.ev = 'p')::integer,
           (e.ev = 'p' AND NOT o.replied_late)::integer,
           (e.ev = 't')::integer,
           (e.ev = 't' AND o.rating = 'satisfied')::integer,
           (e.ev = 't' AND o.rating = 'basically_satisfied')::integer,
           (e.ev = 't' AND o.rating = 'unsatisfied')::integer
    FROM (VALUES ('u'), ('c'), ('s'), ('w'), ('x')) d (dim)
    CROSS JOIN (VALUES ('r'), ('d'), ('p'), ('t')) e (ev)
    WHERE (e.ev = 'r' OR d.dim <> 'x')
      AND (e.ev <> 'd' OR (o.due_date IS NOT NULL AND o.state IN ('assigned', 'in_progress', 'replied', 'closed')))
      AND (e.ev <> 'p' OR o.replied_at IS NOT NULL)
      AND (e.ev <> 't' OR (o.rated_at IS NOT NULL AND o.rating IS NOT NULL))
$fn$;

-- One statement per changed opinion: the old row's facts taken away and the new row's added, netted first (an update
-- that changes only the state touches only the rows it moves between), upserted in key order so that two
-- transactions lock shared rows in the same order. Rows that fall to zero stay (the read skips them).
CREATE FUNCTION opinion_stats_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO opinion_stats_monthly AS m (county, month, dim, key, closed_month, received, rehandled, rounds, due, replied, on_time, rated, satisfied, basically_satisfied, unsatisfied)
    SELECT f.county, f.month, f.dim, f.key, f.closed_month, sum(s * f.received), sum(s * f.rehandled), sum(s * f.rounds), sum(s * f.due),
           sum(s * f.replied), sum(s * f.on_time), sum(s * f.rated), sum(s * f.satisfied), sum(s * f.basically_satisfied), sum(s * f.unsatisfied)
    FROM (SELECT -1 AS s, x.* FROM opinion_stats_facts(OLD) x WHERE TG_OP <> 'INSERT'
          UNION ALL
          SELECT 1 AS s, x.* FROM opinion_stats_facts(NEW) x WHERE TG_OP <> 'DELETE') f
    GROUP BY f.county, f.month, f.dim, f.key, f.closed_month
    HAVING sum(s * f.received) <> 0 OR sum(s * f.rounds) <> 0 OR sum(s * f.due) <> 0 OR sum(s * f.replied) <> 0 OR sum(s * f.on_time) <> 0
        OR sum(s * f.rated) <> 0 OR sum(s * f.satisfied) <> 0 OR sum(s * f.basically_satisfied) <> 0 OR sum(s * f.unsatisfied) <> 0
        OR sum(s * f.rehandled) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (county, month, dim, key, closed_month) DO UPDATE SET
        received = m.received + excluded.received, rehandled = m.rehandled + excluded.rehandled, rounds = m.rounds + excluded.rounds,
        due = m.due + excluded.due, replied = m.replied + excluded.replied, on_time = m.on_time + excluded.on_time, rated = m.rated + excluded.rated,
        satisfied = m.satisfied + excluded.satisfied, basically_satisfied = m.basically_satisfied + excluded.basically_satisfied,
        unsatisfied = m.unsatisfied + excluded.unsatisfied;
    RETURN NULL;
END
$fn$;

CREATE TRIGGER opinion_stats_insert AFTER INSERT ON opinions FOR EACH ROW EXECUTE FUNCTION opinion_stats_sync();
CREATE TRIGGER opinion_stats_delete AFTER DELETE ON opinions FOR EACH ROW EXECUTE FUNCTION opinion_stats_sync();
CREATE TRIGGER opinion_stats_update AFTER UPDATE OF jurisdiction_code, state, unit_id, category, station_id, round, created_at, due_date,
    closed_at, replied_at, replied_late, rated_at, rating ON opinions FOR EACH ROW
    WHEN (OLD.jurisdiction_code IS DISTINCT FROM NEW.jurisdiction_code OR OLD.state IS DISTINCT FROM NEW.state
       OR OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.category IS DISTINCT FROM NEW.category
       OR OLD.station_id IS DISTINCT FROM NEW.station_id OR OLD.round IS DISTINCT FROM NEW.round
       OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.due_date IS DISTINCT FROM NEW.due_date
       OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.replied_at IS DISTINCT FROM NEW.replied_at
       OR OLD.replied_late IS DISTINCT FROM NEW.replied_late OR OLD.rated_at IS DISTINCT FROM NEW.rated_at
       OR OLD.rating IS DISTINCT FROM NEW.rating)
    EXECUTE FUNCTION opinion_stats_sync();

-- The whole rollup from the opinions as they are: this migration's backfill, and the bench generator's after its
-- bulk load (which disables the three triggers).
CREATE FUNCTION opinion_stats_rebuild() RETURNS void LANGUAGE sql AS $fn$
    DELETE FROM opinion_stats_monthly;
    INSERT INTO opinion_stats_monthly (county, month, dim, key, closed_month, received, rehandled, rounds, due, replied, on_time, rated, satisfied, basically_satisfied, unsatisfied)
    SELECT f.county, f.month, f.dim, f.key, f.closed_month, sum(f.received), sum(f.rehandled), sum(f.rounds), sum(f.due), sum(f.replied),
           sum(f.on_time), sum(f.rated), sum(f.satisfied), sum(f.basically_satisfied), sum(f.unsatisfied)
    FROM opinions o CROSS JOIN LATERAL opinion_stats_facts(o) f
    GROUP BY f.county, f.month, f.dim, f.key, f.closed_month;
$fn$;

SELECT opinion_stats_rebuild();
