-- A complaint's steps, its reporter and its photos are records (C7; seed 001 items 25, 26): UPDATE,
-- DELETE and TRUNCATE are refused; a change is a new row. Only `complaints` (current state +
-- version) and the dispatch rules (configuration) change in place.
CREATE TRIGGER complaint_events_append_only BEFORE UPDATE OR DELETE ON complaint_events FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_reporters_append_only BEFORE UPDATE OR DELETE ON complaint_reporters FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_reporters_no_truncate BEFORE TRUNCATE ON complaint_reporters FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_photos_append_only BEFORE UPDATE OR DELETE ON complaint_photos FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER complaint_photos_no_truncate BEFORE TRUNCATE ON complaint_photos FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
