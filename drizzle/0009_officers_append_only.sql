-- Certificates, their status events, annual reviews and rotations are legal records (O1, O2):
-- UPDATE, DELETE and TRUNCATE are refused; a change is a new row.
CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificate_events_append_only BEFORE UPDATE OR DELETE ON certificate_events FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificate_events_no_truncate BEFORE TRUNCATE ON certificate_events FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER annual_reviews_append_only BEFORE UPDATE OR DELETE ON annual_reviews FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER annual_reviews_no_truncate BEFORE TRUNCATE ON annual_reviews FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER officer_rotations_append_only BEFORE UPDATE OR DELETE ON officer_rotations FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER officer_rotations_no_truncate BEFORE TRUNCATE ON officer_rotations FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
