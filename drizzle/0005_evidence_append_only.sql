-- Evidence metadata, device assignments and the audio-video lists are legal records (C7, L5):
-- UPDATE, DELETE and TRUNCATE are refused; corrections are new rows.
CREATE TRIGGER evidence_items_append_only BEFORE UPDATE OR DELETE ON evidence_items FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_items_no_truncate BEFORE TRUNCATE ON evidence_items FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER device_assignments_append_only BEFORE UPDATE OR DELETE ON device_assignments FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER device_assignments_no_truncate BEFORE TRUNCATE ON device_assignments FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER recording_lists_append_only BEFORE UPDATE OR DELETE ON recording_lists FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER recording_lists_no_truncate BEFORE TRUNCATE ON recording_lists FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
