CREATE TABLE "annual_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"reviewed_on" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_reviews_outcome_check" CHECK ("annual_reviews"."outcome" in ('passed','failed'))
);
--> statement-breakpoint
CREATE TABLE "certificate_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"certificate_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_on" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_events_kind_check" CHECK ("certificate_events"."kind" in ('suspended','reinstated','revoked','replaced'))
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issuing_body" text NOT NULL,
	"fields" text[] NOT NULL,
	"issued_on" text NOT NULL,
	"expires_on" text NOT NULL,
	"replaces_id" uuid,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_number_unique" UNIQUE("number"),
	CONSTRAINT "certificates_dates_check" CHECK ("certificates"."expires_on" >= "certificates"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "officer_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"post" text NOT NULL,
	"enforcement_post" boolean NOT NULL,
	"staff_no" text DEFAULT '' NOT NULL,
	"gender" text DEFAULT '' NOT NULL,
	"staff_kind" text DEFAULT '' NOT NULL,
	"legal_qualification_no" text,
	"legal_qualification_date" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "officer_profiles_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "officer_rotations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"officer_id" uuid NOT NULL,
	"from_agency_id" uuid,
	"to_agency_id" uuid NOT NULL,
	"from_post" text,
	"to_post" text NOT NULL,
	"enforcement_post" boolean NOT NULL,
	"effective_on" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"exam_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"score" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_results_unique" UNIQUE("exam_id","officer_id"),
	CONSTRAINT "exam_results_score_check" CHECK ("exam_results"."score" is null or "exam_results"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "trainers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"organisation" text DEFAULT '' NOT NULL,
	"field" text NOT NULL,
	"rating" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainers_kind_check" CHECK ("trainers"."kind" in ('internal','external')),
	CONSTRAINT "trainers_rating_check" CHECK ("trainers"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "training_attendance" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"officer_id" uuid NOT NULL,
	"hours" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_attendance_unique" UNIQUE("session_id","officer_id")
);
--> statement-breakpoint
CREATE TABLE "training_exams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" text NOT NULL,
	"pass_mark" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"online" boolean NOT NULL,
	"held_on" text NOT NULL,
	"hours" integer NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"trainer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_kind_check" CHECK ("training_sessions"."kind" in ('initial','on_post','specialised','rotation')),
	CONSTRAINT "training_sessions_hours_check" CHECK ("training_sessions"."hours" between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "annual_reviews" ADD CONSTRAINT "annual_reviews_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_events" ADD CONSTRAINT "certificate_events_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_officer_id_officer_profiles_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officer_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_profiles" ADD CONSTRAINT "officer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_profiles" ADD CONSTRAINT "officer_profiles_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_rotations" ADD CONSTRAINT "officer_rotations_officer_id_officer_profiles_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officer_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_rotations" ADD CONSTRAINT "officer_rotations_from_agency_id_agencies_id_fk" FOREIGN KEY ("from_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "officer_rotations" ADD CONSTRAINT "officer_rotations_to_agency_id_agencies_id_fk" FOREIGN KEY ("to_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_exam_id_training_exams_id_fk" FOREIGN KEY ("exam_id") REFERENCES "public"."training_exams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_results" ADD CONSTRAINT "exam_results_officer_id_officer_profiles_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officer_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainers" ADD CONSTRAINT "trainers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_attendance" ADD CONSTRAINT "training_attendance_officer_id_officer_profiles_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."officer_profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_exams" ADD CONSTRAINT "training_exams_plan_id_training_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."training_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_plans" ADD CONSTRAINT "training_plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_plan_id_training_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."training_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_trainer_id_trainers_id_fk" FOREIGN KEY ("trainer_id") REFERENCES "public"."trainers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annual_reviews_certificate_idx" ON "annual_reviews" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "certificate_events_certificate_idx" ON "certificate_events" USING btree ("certificate_id");--> statement-breakpoint
CREATE INDEX "certificates_officer_idx" ON "certificates" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "officer_profiles_agency_idx" ON "officer_profiles" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "officer_rotations_officer_idx" ON "officer_rotations" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "trainers_agency_idx" ON "trainers" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "training_attendance_officer_idx" ON "training_attendance" USING btree ("officer_id");--> statement-breakpoint
CREATE INDEX "training_exams_plan_idx" ON "training_exams" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "training_plans_agency_idx" ON "training_plans" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "training_sessions_plan_idx" ON "training_sessions" USING btree ("plan_id");