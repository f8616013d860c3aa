-- The procedure lists (C08, P11) are a record: a change is a new row.
CREATE TRIGGER procedure_list_entries_append_only BEFORE UPDATE OR DELETE ON procedure_list_entries FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER procedure_list_entries_no_truncate BEFORE TRUNCATE ON procedure_list_entries FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
