-- Statistics scoped to a district or street read the dispose-time histogram by street and
-- month; the primary key starts with month, which at city size scans every district's rows.
CREATE INDEX stat_dispose_hours_street_id_month_idx ON stat_dispose_hours(street_id, month);
