-- C03: every benchmark that embedded its violation gets a violation row (same code, name, power
-- item and provisions; field from the power item) with its first version, and points at it.
INSERT INTO violations (id, agency_id, code, name, field, power_item_id, violated_article_ids, penalty_article_ids, published, created_at, updated_at, version)
SELECT gen_random_uuid(), b.agency_id, b.code, b.violation_name, coalesce(p.field, '其他'), b.power_item_id, b.violated_article_ids, b.penalty_article_ids, b.published, b.created_at, b.updated_at, 1
FROM benchmarks b LEFT JOIN power_items p ON p.id = b.power_item_id
WHERE b.violation_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM violations v WHERE v.agency_id = b.agency_id AND v.code = b.code);
--> statement-breakpoint
UPDATE benchmarks b SET violation_id = v.id
FROM violations v
WHERE b.violation_id IS NULL AND v.agency_id = b.agency_id AND v.code = b.code;
--> statement-breakpoint
INSERT INTO violation_versions (id, violation_id, version, snapshot, changed_at, changed_by)
SELECT gen_random_uuid(), v.id, v.version,
  jsonb_build_object('code', v.code, 'name', v.name, 'field', v.field, 'powerItemId', v.power_item_id,
    'violatedArticleIds', to_jsonb(v.violated_article_ids), 'penaltyArticleIds', to_jsonb(v.penalty_article_ids),
    'published', v.published),
  v.updated_at, NULL
FROM violations v
WHERE NOT EXISTS (SELECT 1 FROM violation_versions x WHERE x.violation_id = v.id);
--> statement-breakpoint
-- Legal records are append-only (C7): UPDATE, DELETE and TRUNCATE are refused; corrections are new rows.
CREATE TRIGGER violation_versions_append_only BEFORE UPDATE OR DELETE ON violation_versions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER violation_versions_no_truncate BEFORE TRUNCATE ON violation_versions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificate_applications_append_only BEFORE UPDATE OR DELETE ON certificate_applications FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificate_applications_no_truncate BEFORE TRUNCATE ON certificate_applications FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificate_application_decisions_append_only BEFORE UPDATE OR DELETE ON certificate_application_decisions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER certificate_application_decisions_no_truncate BEFORE TRUNCATE ON certificate_application_decisions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER training_revisions_append_only BEFORE UPDATE OR DELETE ON training_revisions FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER training_revisions_no_truncate BEFORE TRUNCATE ON training_revisions FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER training_attendance_append_only BEFORE UPDATE OR DELETE ON training_attendance FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER training_attendance_no_truncate BEFORE TRUNCATE ON training_attendance FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER exam_results_append_only BEFORE UPDATE OR DELETE ON exam_results FOR EACH ROW EXECUTE FUNCTION guifan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER exam_results_no_truncate BEFORE TRUNCATE ON exam_results FOR EACH STATEMENT EXECUTE FUNCTION guifan_refuse_change();
