-- 0016_opinion_stats_at_commit (postgres): the monthly rollup's triggers fire at commit (docs/adr/0042).
-- As plain AFTER triggers they upserted the rollup rows when the opinion was written, and the rows' locks were held
-- from there to the end of the transaction: every submission of a county in a month shares its (u, ''), (x,
-- 'submitted') and category rows, so concurrent submissions queued for each other's whole transaction. Deferred
-- constraint triggers take the same locks at commit, for the few statements left to it. Same function, same names
-- (the bench generator disables them by name), same firing conditions.
DROP TRIGGER opinion_stats_insert ON opinions;
DROP TRIGGER opinion_stats_delete ON opinions;
DROP TRIGGER opinion_stats_update ON opinions;

CREATE CONSTRAINT TRIGGER opinion_stats_insert AFTER INSERT ON opinions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION opinion_stats_sync();
CREATE CONSTRAINT TRIGGER opinion_stats_delete AFTER DELETE ON opinions DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION opinion_stats_sync();
CREATE CONSTRAINT TRIGGER opinion_stats_update AFTER UPDATE OF jurisdiction_code, state, unit_id, category, station_id, round, created_at,
    due_date, closed_at, replied_at, replied_late, rated_at, rating ON opinions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.jurisdiction_code IS DISTINCT FROM NEW.jurisdiction_code OR OLD.state IS DISTINCT FROM NEW.state
       OR OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.category IS DISTINCT FROM NEW.category
       OR OLD.station_id IS DISTINCT FROM NEW.station_id OR OLD.round IS DISTINCT FROM NEW.round
       OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.due_date IS DISTINCT FROM NEW.due_date
       OR OLD.closed_at IS DISTINCT FROM NEW.closed_at OR OLD.replied_at IS DISTINCT FROM NEW.replied_at
       OR OLD.replied_late IS DISTINCT FROM NEW.replied_late OR OLD.rated_at IS DISTINCT FROM NEW.rated_at
       OR OLD.rating IS DISTINCT FROM NEW.rating)
    EXECUTE FUNCTION opinion_stats_sync();
