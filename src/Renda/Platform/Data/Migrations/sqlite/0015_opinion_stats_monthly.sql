-- 0015_opinion_stats_monthly (sqlite): the dashboard's monthly rollup per county and breakdown, kept by triggers
-- (docs/adr/0038). The table was written with scripts/new-migration.sh from the EF model (OpinionStatsMonth);
-- the view and the triggers by hand.
CREATE TABLE "opinion_stats_monthly" (
    "county" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "closed_month" INTEGER NOT NULL,
    "received" INTEGER NOT NULL,
    "rehandled" INTEGER NOT NULL,
    "rounds" INTEGER NOT NULL,
    "due" INTEGER NOT NULL,
    "replied" INTEGER NOT NULL,
    "on_time" INTEGER NOT NULL,
    "rated" INTEGER NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "basically_satisfied" INTEGER NOT NULL,
    "unsatisfied" INTEGER NOT NULL,
    CONSTRAINT "PK_opinion_stats_monthly" PRIMARY KEY ("county", "month", "dim", "key", "closed_month")
);

-- What one opinion contributes: one row per breakdown (u c s w, and x = state for received) and per event it has
-- (r received by created_at, d due by due_date while in the handling loop, p replied by replied_at, t rated by
-- rated_at), each dated by the event's China month, as OpinionStats' passes count them (docs/adr/0034).
CREATE VIEW opinion_stats_facts AS
SELECT o.id AS opinion_id,
       substr(o.jurisdiction_code, 1, 6) AS county,
       CASE e.ev WHEN 'r' THEN CAST(strftime('%Y%m', o.created_at, '+8 hours') AS INTEGER)
                 WHEN 'd' THEN CAST(substr(o.due_date, 1, 4) || substr(o.due_date, 6, 2) AS INTEGER)
                 WHEN 'p' THEN CAST(strftime('%Y%m', o.replied_at, '+8 hours') AS INTEGER)
                 ELSE CAST(strftime('%Y%m', o.rated_at, '+8 hours') AS INTEGER) END AS month,
       d.dim AS dim,
       CASE d.dim WHEN 'u' THEN coalesce(CAST(o.unit_id AS TEXT), '')
                  WHEN 'c' THEN coalesce(o.category, '')
                  WHEN 's' THEN coalesce(CAST(o.station_id AS TEXT), '')
                  WHEN 'w' THEN substr(o.jurisdiction_code, 1, 9)
                  ELSE o.state END AS key,
       CASE WHEN e.ev = 'd' AND o.closed_at IS NOT NULL THEN CAST(strftime('%Y%m', o.closed_at, '+8 hours') AS INTEGER) ELSE 0 END AS closed_month,
       e.ev = 'r' AS received,
       e.ev = 'r' AND o.round > 0 AS rehandled,
       CASE WHEN e.ev = 'r' THEN o.round ELSE 0 END AS rounds,
       e.ev = 'd' AS due,
       e.ev = 'p' AS replied,
       e.ev = 'p' AND NOT o.replied_late AS on_time,
       e.ev = 't' AS rated,
       e.ev = 't' AND o.rating = 'satisfied' AS satisfied,
       e.ev = 't' AND o.rating = 'basically_satisfied' AS basically_satisfied,
       e.ev = 't' AND o.rating = 'unsatisfied' AS unsatisfied
FROM opinions o
JOIN (SELECT 'u' AS dim UNION ALL SELECT 'c' UNION ALL SELECT 's' UNION ALL SELECT 'w' UNION ALL SELECT 'x') d
JOIN (SELECT 'r' AS ev UNION ALL SELECT 'd' UNION ALL SELECT 'p' UNION ALL SELECT 't') e
  ON (e.ev = 'r' OR d.dim <> 'x')
 AND (e.ev <> 'd' OR (o.due_date IS NOT NULL AND o.state IN ('assigned', 'in_progress', 'replied', 'closed')))
 AND (e.ev <> 'p' OR o.replied_at IS NOT NULL)
 AND (e.ev <> 't' OR (o.rated_at IS NOT NULL AND o.rating IS NOT NULL));

-- An insert adds the new row's facts; a delete takes the old row's away (before it goes); an update of a column the
-- facts read takes the old facts away before it and adds the new ones after it. Rows that fall to zero stay (the
-- read skips them). SQLite has one writer at a time, so the two halves of an update cannot interleave with another's.
CREATE TRIGGER opinion_stats_insert AFTER INSERT ON opinions
BEGIN
    INSERT INTO opinion_stats_monthly (county, month, dim, key, closed_month, received, rehandled, rounds, due, replied, on_time, rated, satisfied, basically_satisfied, unsatisfied)
    SELECT county, month, dim, key, closed_month, sum(received), sum(rehandled), sum(rounds), sum(due), sum(replied), sum(on_time), sum(rated), sum(satisfied), sum(basically_satisfied), sum(unsatisfied)
    FROM opinion_stats_facts WHERE opinion_id = new.id GROUP BY county, month, dim, key, closed_month
    ON CONFLICT (county, month, dim, key, closed_month) DO UPDATE SET
        received = received + excluded.received, rehandled = rehandled + excluded.rehandled, rounds = rounds + excluded.rounds,
        due = due + excluded.due, replied = replied + excluded.replied, on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
        satisfied = satisfied + excluded.satisfied, basically_satisfied = basically_satisfied + excluded.basically_satisfied, unsatisfied = unsatisfied + excluded.unsatisfied;
END;

CREATE TRIGGER opinion_stats_delete BEFORE DELETE ON opinions
BEGIN
    INSERT INTO opinion_stats_monthly (county, month, dim, key, closed_month, received, rehandled, rounds, due, replied, on_time, rated, satisfied, basically_satisfied, unsatisfied)
    SELECT county, month, dim, key, closed_month, -sum(received), -sum(rehandled), -sum(rounds), -sum(due), -sum(replied), -sum(on_time), -sum(rated), -sum(satisfied), -sum(basically_satisfied), -sum(unsatisfied)
    FROM opinion_stats_facts WHERE opinion_id = old.id GROUP BY county, month, dim, key, closed_month
    ON CONFLICT (county, month, dim, key, closed_month) DO UPDATE SET
        received = received + excluded.received, rehandled = rehandled + excluded.rehandled, rounds = rounds + excluded.rounds,
        due = due + excluded.due, replied = replied + excluded.replied, on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
        satisfied = satisfied + excluded.satisfied, basically_satisfied = basically_satisfied + excluded.basically_satisfied, unsatisfied = unsatisfied + excluded.unsatisfied;
END;

CREATE TRIGGER opinion_stats_update_before BEFORE UPDATE OF jurisdiction_code, state, unit_id, category, station_id, round, created_at, due_date, closed_at, replied_at, replied_late, rated_at, rating ON opinions
WHEN old.jurisdiction_code IS NOT new.jurisdiction_code OR old.state IS NOT new.state OR old.unit_id IS NOT new.unit_id
  OR old.category IS NOT new.category OR old.station_id IS NOT new.station_id OR old.round IS NOT new.round
  OR old.created_at IS NOT new.created_at OR old.due_date IS NOT new.due_date OR old.closed_at IS NOT new.closed_at
  OR old.replied_at IS NOT new.replied_at OR old.replied_late IS NOT new.replied_late OR old.rated_at IS NOT new.rated_at
  OR old.rating IS NOT new.rating
BEGIN
    INSERT INTO opinion_stats_monthly (county, month, dim, key, closed_month, received, rehandled, rounds, due, replied, on_time, rated, satisfied, basically_satisfied, unsatisfied)
    SELECT county, month, dim, key, closed_month, -sum(received), -sum(rehandled), -sum(rounds), -sum(due), -sum(replied), -sum(on_time), -sum(rated), -sum(satisfied), -sum(basically_satisfied), -sum(unsatisfied)
    FROM opinion_stats_facts WHERE opinion_id = old.id GROUP BY county, month, dim, key, closed_month
    ON CONFLICT (county, month, dim, key, closed_month) DO UPDATE SET
        received = received + excluded.received, rehandled = rehandled + excluded.rehandled, rounds = rounds + excluded.rounds,
        due = due + excluded.due, replied = replied + excluded.replied, on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
        satisfied = satisfied + excluded.satisfied, basically_satisfied = basically_satisfied + excluded.basically_satisfied, unsatisfied = unsatisfied + excluded.unsatisfied;
END;

CREATE TRIGGER opinion_stats_update_after AFTER UPDATE OF jurisdiction_code, state, unit_id, category, station_id, round, created_at, due_date, closed_at, replied_at, replied_late, rated_at, rating ON opinions
WHEN old.jurisdiction_code IS NOT new.jurisdiction_code OR old.state IS NOT new.state OR old.unit_id IS NOT new.unit_id
  OR old.category IS NOT new.category OR old.station_id IS NOT new.station_id OR old.round IS NOT new.round
  OR old.created_at IS NOT new.created_at OR old.due_date IS NOT new.due_date OR old.closed_at IS NOT new.closed_at
  OR old.replied_at IS NOT new.replied_at OR old.replied_late IS NOT new.replied_late OR old.rated_at IS NOT new.rated_at
  OR old.rating IS NOT new.rating
BEGIN
    INSERT INTO opinion_stats_monthly (county, month, dim, key, closed_month, received, rehandled, rounds, due, replied, on_time, rated, satisfied, basically_satisfied, unsatisfied)
    SELECT county, month, dim, key, closed_month, sum(received), sum(rehandled), sum(rounds), sum(due), sum(replied), sum(on_time), sum(rated), sum(satisfied), sum(basically_satisfied), sum(unsatisfied)
    FROM opinion_stats_facts WHERE opinion_id = new.id GROUP BY county, month, dim, key, closed_month
    ON CONFLICT (county, month, dim, key, closed_month) DO UPDATE SET
        received = received + excluded.received, rehandled = rehandled + excluded.rehandled, rounds = rounds + excluded.rounds,
        due = due + excluded.due, replied = replied + excluded.replied, on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
        satisfied = satisfied + excluded.satisfied, basically_satisfied = basically_satisfied + excluded.basically_satisfied, unsatisfied = unsatisfied + excluded.unsatisfied;
END;

-- The whole rollup from the opinions as they are: the migration's backfill, and the bench generator's after its bulk
-- load (which sets the triggers aside): DELETE FROM opinion_stats_monthly; INSERT INTO ... SELECT * FROM this.
CREATE VIEW opinion_stats_rebuilt AS
SELECT county, month, dim, key, closed_month, sum(received) AS received, sum(rehandled) AS rehandled, sum(rounds) AS rounds,
       sum(due) AS due, sum(replied) AS replied, sum(on_time) AS on_time, sum(rated) AS rated, sum(satisfied) AS satisfied,
       sum(basically_satisfied) AS basically_satisfied, sum(unsatisfied) AS unsatisfied
FROM opinion_stats_facts GROUP BY county, month, dim, key, closed_month;

-- Opinions saved before this migration.
INSERT INTO opinion_stats_monthly SELECT * FROM opinion_stats_rebuilt;
