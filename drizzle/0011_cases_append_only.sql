-- Case steps, case officers and deadline rows are the record of a case (C7): UPDATE, DELETE and
-- TRUNCATE are refused; a change is a new row. Only `cases` (current state + version) and the
-- number counters change in place.
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_officers_append_only BEFORE UPDATE OR DELETE ON case_officers FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_officers_no_truncate BEFORE TRUNCATE ON case_officers FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_deadlines_append_only BEFORE UPDATE OR DELETE ON case_deadlines FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER case_deadlines_no_truncate BEFORE TRUNCATE ON case_deadlines FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
