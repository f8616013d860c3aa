CREATE TABLE "collective_discussions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"opinions" jsonb NOT NULL,
	"conclusion" text NOT NULL,
	"approved" boolean NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "collective_discussions_meeting_case_uq" UNIQUE("meeting_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "collective_meetings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"chair_id" uuid NOT NULL,
	"member_count" integer NOT NULL,
	"attendees" jsonb NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_filing_acks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"filing_id" uuid NOT NULL,
	"note" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "decision_filing_acks_filing_id_unique" UNIQUE("filing_id")
);
--> statement-breakpoint
CREATE TABLE "decision_filings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"submitted_on" date NOT NULL,
	"note" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "decision_filings_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "legal_review_escalations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"review_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "legal_review_escalations_review_id_unique" UNIQUE("review_id")
);
--> statement-breakpoint
CREATE TABLE "legal_review_opinions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"review_id" uuid NOT NULL,
	"opinion" text NOT NULL,
	"items" jsonb NOT NULL,
	"comment" text NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "legal_review_opinions_review_id_unique" UNIQUE("review_id"),
	CONSTRAINT "legal_review_opinions_opinion_check" CHECK ("legal_review_opinions"."opinion" in ('agree','problems'))
);
--> statement-breakpoint
CREATE TABLE "legal_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"round" integer NOT NULL,
	"proposal" jsonb NOT NULL,
	"materials" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"checks" jsonb NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"submitted_by" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "legal_reviews_case_round_uq" UNIQUE("case_id","round")
);
--> statement-breakpoint
CREATE TABLE "major_case_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"needs_review" boolean NOT NULL,
	"needs_discussion" boolean NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "major_decision_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"criterion_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"action" text NOT NULL,
	"name" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"needs_review" boolean NOT NULL,
	"needs_discussion" boolean NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "major_decision_criteria_action_check" CHECK ("major_decision_criteria"."action" in ('save','remove'))
);
--> statement-breakpoint
ALTER TABLE "collective_discussions" ADD CONSTRAINT "collective_discussions_meeting_id_collective_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."collective_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_discussions" ADD CONSTRAINT "collective_discussions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collective_meetings" ADD CONSTRAINT "collective_meetings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_filing_acks" ADD CONSTRAINT "decision_filing_acks_filing_id_decision_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."decision_filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_filings" ADD CONSTRAINT "decision_filings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_review_escalations" ADD CONSTRAINT "legal_review_escalations_review_id_legal_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."legal_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_review_opinions" ADD CONSTRAINT "legal_review_opinions_review_id_legal_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."legal_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_reviews" ADD CONSTRAINT "legal_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_case_flags" ADD CONSTRAINT "major_case_flags_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_decision_criteria" ADD CONSTRAINT "major_decision_criteria_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collective_meetings_agency_idx" ON "collective_meetings" USING btree ("agency_id","held_on");--> statement-breakpoint
CREATE INDEX "decision_filings_agency_idx" ON "decision_filings" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "legal_reviews_agency_idx" ON "legal_reviews" USING btree ("agency_id","at");--> statement-breakpoint
CREATE INDEX "legal_reviews_reviewer_idx" ON "legal_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "major_case_flags_case_idx" ON "major_case_flags" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "major_decision_criteria_idx" ON "major_decision_criteria" USING btree ("agency_id","criterion_id","at");