CREATE TABLE "certificate_application_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"certificate_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "certificate_application_decisions_unique" UNIQUE("application_id"),
	CONSTRAINT "certificate_application_decisions_outcome_check" CHECK ("certificate_application_decisions"."outcome" in ('approved','rejected'))
);
--> statement-breakpoint
CREATE TABLE "certificate_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"training_year" integer NOT NULL,
	"training_hours" integer NOT NULL,
	"required_hours" integer NOT NULL,
	"exam_result_id" uuid,
	"exam_score" integer,
	"applied_by" uuid,
	"applied_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_revisions_kind_check" CHECK ("training_revisions"."target_kind" in ('plan','session','exam')),
	CONSTRAINT "training_revisions_action_check" CHECK ("training_revisions"."action" in ('updated','withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "exam_results" DROP CONSTRAINT "exam_results_unique";--> statement-breakpoint
ALTER TABLE "training_attendance" DROP CONSTRAINT "training_attendance_unique";--> statement-breakpoint
ALTER TABLE "exam_results" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "exam_results" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "training_exams" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_exams" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "training_exams" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "training_plans" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_plans" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "training_plans" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD COLUMN "withdrawn_reason" text;--> statement-breakpoint
ALTER TABLE "certificate_application_decisions" ADD CONSTRAINT "certificate_application_decisions_application_id_certificate_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."certificate_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_application_decisions" ADD CONSTRAINT "certificate_application_decisions_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_officer_id_officer_profiles_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officer_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_applications" ADD CONSTRAINT "certificate_applications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_applications_officer_idx" ON "certificate_applications" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "training_revisions_target_idx" ON "training_revisions" USING btree ("target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "exam_results_unique" ON "exam_results" USING btree ("exam_id","officer_id") WHERE "exam_results"."corrects_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendance_unique" ON "training_attendance" USING btree ("session_id","officer_id") WHERE "training_attendance"."corrects_id" is null;--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_corrects_unique" UNIQUE("corrects_id");--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_corrects_unique" UNIQUE("corrects_id");