-- The random-inspection item list is kept as versions (C13): a change or a removal is a new row.
CREATE TRIGGER inspection_item_versions_append_only BEFORE UPDATE OR DELETE ON inspection_item_versions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER inspection_item_versions_no_truncate BEFORE TRUNCATE ON inspection_item_versions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
