CREATE TABLE "case_deadlines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"due_on" date NOT NULL,
	"event_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "case_deadlines_status_check" CHECK ("case_deadlines"."status" in ('open','closed'))
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"event" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"on_date" date NOT NULL,
	"data" jsonb NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "case_events_case_seq_uq" UNIQUE("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "case_number_counters" (
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_number_counters_agency_id_year_pk" PRIMARY KEY("agency_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_officers" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "case_officers_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"number" text,
	"procedure" text NOT NULL,
	"state" text NOT NULL,
	"field" text NOT NULL,
	"summary" text NOT NULL,
	"place_address" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"party_type" text NOT NULL,
	"party_name" text NOT NULL,
	"party_id_number" text DEFAULT '' NOT NULL,
	"party_phone" text DEFAULT '' NOT NULL,
	"party_address" text DEFAULT '' NOT NULL,
	"party_legal_representative" text DEFAULT '' NOT NULL,
	"power_item_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"benchmark_id" uuid,
	"act_on" date NOT NULL,
	"continuing_until" date,
	"discovered_on" date NOT NULL,
	"serious" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_procedure_check" CHECK ("cases"."procedure" in ('general','simple','three_step')),
	CONSTRAINT "cases_party_type_check" CHECK ("cases"."party_type" in ('individual','organisation'))
);
--> statement-breakpoint
ALTER TABLE "case_deadlines" ADD CONSTRAINT "case_deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_number_counters" ADD CONSTRAINT "case_number_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_officers" ADD CONSTRAINT "case_officers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_deadlines_case_idx" ON "case_deadlines" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_officers_user_idx" ON "case_officers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cases_agency_idx" ON "cases" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_state_idx" ON "cases" USING btree ("state");