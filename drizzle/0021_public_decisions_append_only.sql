-- Published decisions and their withdrawals are a public record (G3, G4): a change is a new row.
CREATE TRIGGER public_decisions_append_only BEFORE UPDATE OR DELETE ON public_decisions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER public_decisions_no_truncate BEFORE TRUNCATE ON public_decisions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER public_withdrawals_append_only BEFORE UPDATE OR DELETE ON public_withdrawals FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER public_withdrawals_no_truncate BEFORE TRUNCATE ON public_withdrawals FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
