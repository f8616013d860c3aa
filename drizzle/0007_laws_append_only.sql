-- Article versions and the version history of power items and benchmarks are legal records:
-- UPDATE, DELETE and TRUNCATE are refused (corrections are new rows).
CREATE TRIGGER law_articles_append_only BEFORE UPDATE OR DELETE ON law_articles FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER law_articles_no_truncate BEFORE TRUNCATE ON law_articles FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER power_item_versions_append_only BEFORE UPDATE OR DELETE ON power_item_versions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER power_item_versions_no_truncate BEFORE TRUNCATE ON power_item_versions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER benchmark_versions_append_only BEFORE UPDATE OR DELETE ON benchmark_versions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER benchmark_versions_no_truncate BEFORE TRUNCATE ON benchmark_versions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
