-- 0007_opinion_staff (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "opinion_unit_links" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_opinion_unit_links" PRIMARY KEY AUTOINCREMENT,
    "opinion_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "first_assigned_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_opinion_unit_links_opinion_id_unit_id" ON "opinion_unit_links" ("opinion_id", "unit_id");

CREATE INDEX "IX_opinion_unit_links_unit_id_opinion_id" ON "opinion_unit_links" ("unit_id", "opinion_id");

-- Full-text search over opinions.content (docs/adr/0022; Platform/Search/CjkBigrams.cs is the reference):
-- a contentless FTS5 table holding, per character, the token "this character + the next" (each character
-- spelt as its code point in six letters a-p), kept by triggers in the same transaction as the row.
-- (group_concat follows the ordered subquery; its ORDER BY argument would need SQLite 3.44, which
-- the sqlite3 shell of Debian 12 (3.40) cannot read.)
CREATE VIRTUAL TABLE opinions_search USING fts5(terms, tokenize = 'ascii', content = '', contentless_delete = 1);

CREATE TRIGGER opinions_search_insert AFTER INSERT ON opinions
BEGIN
    INSERT INTO opinions_search (rowid, terms)
    SELECT new.id, coalesce(group_concat(b, ' '), '') FROM (
        SELECT k, t || coalesce(lead(t) OVER (ORDER BY k), '') AS b FROM (
            SELECT k, char(97 + ((u >> 20) & 15), 97 + ((u >> 16) & 15), 97 + ((u >> 12) & 15),
                           97 + ((u >> 8) & 15), 97 + ((u >> 4) & 15), 97 + (u & 15)) AS t
            FROM (SELECT j.key AS k, unicode(substr(x.s, j.key + 1, 1)) AS u
                  FROM (SELECT lower(new.content) AS s) x,
                       json_each('[' || replace(hex(zeroblob(length(x.s))), '00', '0,') || '0]') j
                  WHERE j.key < length(x.s))) ORDER BY k);
END;

CREATE TRIGGER opinions_search_delete AFTER DELETE ON opinions
BEGIN
    DELETE FROM opinions_search WHERE rowid = old.id;
END;

CREATE TRIGGER opinions_search_update AFTER UPDATE OF content ON opinions
BEGIN
    DELETE FROM opinions_search WHERE rowid = old.id;
    INSERT INTO opinions_search (rowid, terms)
    SELECT new.id, coalesce(group_concat(b, ' '), '') FROM (
        SELECT k, t || coalesce(lead(t) OVER (ORDER BY k), '') AS b FROM (
            SELECT k, char(97 + ((u >> 20) & 15), 97 + ((u >> 16) & 15), 97 + ((u >> 12) & 15),
                           97 + ((u >> 8) & 15), 97 + ((u >> 4) & 15), 97 + (u & 15)) AS t
            FROM (SELECT j.key AS k, unicode(substr(x.s, j.key + 1, 1)) AS u
                  FROM (SELECT lower(new.content) AS s) x,
                       json_each('[' || replace(hex(zeroblob(length(x.s))), '00', '0,') || '0]') j
                  WHERE j.key < length(x.s))) ORDER BY k);
END;

-- Opinions saved before this migration.
INSERT INTO opinions_search (rowid, terms)
SELECT o.id, coalesce((
    SELECT group_concat(b, ' ') FROM (
        SELECT k, t || coalesce(lead(t) OVER (ORDER BY k), '') AS b FROM (
            SELECT k, char(97 + ((u >> 20) & 15), 97 + ((u >> 16) & 15), 97 + ((u >> 12) & 15),
                           97 + ((u >> 8) & 15), 97 + ((u >> 4) & 15), 97 + (u & 15)) AS t
            FROM (SELECT j.key AS k, unicode(substr(x.s, j.key + 1, 1)) AS u
                  FROM (SELECT lower(o.content) AS s) x,
                       json_each('[' || replace(hex(zeroblob(length(x.s))), '00', '0,') || '0]') j
                  WHERE j.key < length(x.s))) ORDER BY k)), '')
FROM opinions o;
