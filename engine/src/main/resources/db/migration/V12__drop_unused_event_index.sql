-- No query reads events by user (behaviour rules go through cairn_event_by_code or the daily
-- counts), and every index is one more B-tree entry per ingested event, written, logged for undo
-- and committed (ING-1 in BENCHMARKS.md). A feature that reads a user's events (erasure, a
-- timeline) brings back the index it needs.
DROP INDEX cairn_event_by_entity ON cairn_event;
