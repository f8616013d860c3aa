-- Service guides and inspection results are kept as versions (C13): a change, a correction, a
-- removal or a withdrawal is a new row.
CREATE TRIGGER service_guide_versions_append_only BEFORE UPDATE OR DELETE ON service_guide_versions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER service_guide_versions_no_truncate BEFORE TRUNCATE ON service_guide_versions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER inspection_result_versions_append_only BEFORE UPDATE OR DELETE ON inspection_result_versions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER inspection_result_versions_no_truncate BEFORE TRUNCATE ON inspection_result_versions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
