-- Legal review, collective discussion and filing records are append-only (P9, P10, F1, C7).
CREATE TRIGGER major_decision_criteria_append_only BEFORE UPDATE OR DELETE ON major_decision_criteria FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER major_decision_criteria_no_truncate BEFORE TRUNCATE ON major_decision_criteria FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER major_case_flags_append_only BEFORE UPDATE OR DELETE ON major_case_flags FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER major_case_flags_no_truncate BEFORE TRUNCATE ON major_case_flags FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER legal_reviews_append_only BEFORE UPDATE OR DELETE ON legal_reviews FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER legal_reviews_no_truncate BEFORE TRUNCATE ON legal_reviews FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER legal_review_opinions_append_only BEFORE UPDATE OR DELETE ON legal_review_opinions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER legal_review_opinions_no_truncate BEFORE TRUNCATE ON legal_review_opinions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER legal_review_escalations_append_only BEFORE UPDATE OR DELETE ON legal_review_escalations FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER legal_review_escalations_no_truncate BEFORE TRUNCATE ON legal_review_escalations FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER collective_meetings_append_only BEFORE UPDATE OR DELETE ON collective_meetings FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER collective_meetings_no_truncate BEFORE TRUNCATE ON collective_meetings FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER collective_discussions_append_only BEFORE UPDATE OR DELETE ON collective_discussions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER collective_discussions_no_truncate BEFORE TRUNCATE ON collective_discussions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_filings_append_only BEFORE UPDATE OR DELETE ON decision_filings FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_filings_no_truncate BEFORE TRUNCATE ON decision_filings FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_filing_acks_append_only BEFORE UPDATE OR DELETE ON decision_filing_acks FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_filing_acks_no_truncate BEFORE TRUNCATE ON decision_filing_acks FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
