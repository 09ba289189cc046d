-- Indexes for locating a point in a grid and for searching grid and place names.

-- The tallest grid of a level, read in O(log n): it bounds the min_lat range of the locate
-- prefilter from below, so the bbox query walks a thin band of the index.
CREATE INDEX grids_level_lat_span_idx ON grids(level, max_lat - min_lat);
-- Pinyin and initials prefix search ("fuhua", "fhnj") as index range scans.
CREATE INDEX grids_pinyin_idx ON grids(pinyin);
CREATE INDEX grids_initials_idx ON grids(initials);
CREATE INDEX grid_places_pinyin_idx ON grid_places(pinyin);
CREATE INDEX grid_places_initials_idx ON grid_places(initials);
-- Chinese substring search scans these narrow covering indexes instead of the grid rows.
CREATE INDEX grids_name_id_idx ON grids(name, id);
CREATE INDEX grid_places_name_idx ON grid_places(name);
