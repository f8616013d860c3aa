CREATE TABLE "complaint_dispatch_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bureau_id" uuid NOT NULL,
	"keyword" text DEFAULT '' NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"agency_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"event" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" uuid,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "complaint_events_seq_uq" UNIQUE("complaint_id","seq")
);
--> statement-breakpoint
CREATE TABLE "complaint_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_reporters" (
	"complaint_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"salt" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"bureau_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"pending_agency_id" uuid,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"area" text DEFAULT '' NOT NULL,
	"place_address" text NOT NULL,
	"normalised_address" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"description" text NOT NULL,
	"named" boolean NOT NULL,
	"state" text NOT NULL,
	"received_on" date NOT NULL,
	"accept_due_on" date NOT NULL,
	"answer_due_on" date NOT NULL,
	"accepted_on" date,
	"case_id" uuid,
	"merged_into_id" uuid,
	"close_reason" text,
	"transfer_department" text,
	"public_answer" text,
	"answered_on" date,
	"rating" integer,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "complaints_tracking_code_unique" UNIQUE("tracking_code"),
	CONSTRAINT "complaints_source_check" CHECK ("complaints"."source" in ('public_web','phone','letter','visit','patrol','assignment','transfer_in')),
	CONSTRAINT "complaints_rating_check" CHECK ("complaints"."rating" is null or "complaints"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "violation_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"violation_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	CONSTRAINT "violation_versions_unique" UNIQUE("violation_id","version")
);
--> statement-breakpoint
CREATE TABLE "violations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"power_item_id" uuid,
	"violated_article_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"penalty_article_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "violations_code_unique" UNIQUE("agency_id","code")
);
--> statement-breakpoint
ALTER TABLE "review_flags" DROP CONSTRAINT "review_flags_kind_check";--> statement-breakpoint
ALTER TABLE "benchmarks" ADD COLUMN "violation_id" uuid;--> statement-breakpoint
ALTER TABLE "complaint_dispatch_rules" ADD CONSTRAINT "complaint_dispatch_rules_bureau_id_agencies_id_fk" FOREIGN KEY ("bureau_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_dispatch_rules" ADD CONSTRAINT "complaint_dispatch_rules_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_photos" ADD CONSTRAINT "complaint_photos_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_reporters" ADD CONSTRAINT "complaint_reporters_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_bureau_id_agencies_id_fk" FOREIGN KEY ("bureau_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_pending_agency_id_agencies_id_fk" FOREIGN KEY ("pending_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violation_versions" ADD CONSTRAINT "violation_versions_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_power_item_id_power_items_id_fk" FOREIGN KEY ("power_item_id") REFERENCES "public"."power_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_dispatch_rules_bureau_idx" ON "complaint_dispatch_rules" USING btree ("bureau_id");--> statement-breakpoint
CREATE INDEX "complaint_photos_complaint_idx" ON "complaint_photos" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaints_bureau_idx" ON "complaints" USING btree ("bureau_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_agency_idx" ON "complaints" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "complaints_dup_idx" ON "complaints" USING btree ("bureau_id","category","received_on");--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flags" ADD CONSTRAINT "review_flags_kind_check" CHECK ("review_flags"."target_kind" in ('power_item','benchmark','violation'));