-- L3: an extension of a review deadline is a legal record: append-only (C7).
CREATE TRIGGER review_deadline_extensions_append_only BEFORE UPDATE OR DELETE ON review_deadline_extensions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER review_deadline_extensions_no_truncate BEFORE TRUNCATE ON review_deadline_extensions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
