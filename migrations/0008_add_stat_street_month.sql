-- Monthly case counts per street, without the community: what the district and street
-- summaries read (several times fewer rows than stat_case_month). Clustered by street and
-- month, so a district's or a street's months are one range scan each.
CREATE TABLE stat_street_month (
  street_id     TEXT NOT NULL,
  month         TEXT NOT NULL,     -- YYYY-MM (Asia/Shanghai) of created_at
  category_id   TEXT NOT NULL,
  channel       TEXT NOT NULL,
  recorded      INTEGER NOT NULL DEFAULT 0,
  disposed      INTEGER NOT NULL DEFAULT 0,
  on_time       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (street_id, month, category_id, channel)
) WITHOUT ROWID;

INSERT INTO stat_street_month (street_id, month, category_id, channel, recorded, disposed, on_time)
SELECT street_id, month, category_id, channel, sum(recorded), sum(disposed), sum(on_time)
FROM stat_case_month GROUP BY street_id, month, category_id, channel;
