CREATE TABLE "public_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"decision_event_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"title" text NOT NULL,
	"agency_name" text NOT NULL,
	"party_display" text NOT NULL,
	"credit_code" text NOT NULL,
	"field" text NOT NULL,
	"violation" text NOT NULL,
	"penalty" text NOT NULL,
	"body" text NOT NULL,
	"decided_on" date NOT NULL,
	"tokens" text[] NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"ledger_entry_id" bigint NOT NULL,
	CONSTRAINT "public_decisions_decision_event_id_unique" UNIQUE("decision_event_id")
);
--> statement-breakpoint
CREATE TABLE "public_withdrawals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"decision_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"withdrawn_by" uuid NOT NULL,
	"withdrawn_at" timestamp (3) with time zone NOT NULL,
	"ledger_entry_id" bigint NOT NULL,
	CONSTRAINT "public_withdrawals_decision_id_unique" UNIQUE("decision_id")
);
--> statement-breakpoint
ALTER TABLE "public_decisions" ADD CONSTRAINT "public_decisions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_withdrawals" ADD CONSTRAINT "public_withdrawals_decision_id_public_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."public_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_decisions_published_idx" ON "public_decisions" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "public_decisions_agency_idx" ON "public_decisions" USING btree ("agency_id","decided_on");--> statement-breakpoint
CREATE INDEX "public_decisions_tokens_idx" ON "public_decisions" USING gin ("tokens");--> statement-breakpoint
CREATE INDEX "public_decisions_case_idx" ON "public_decisions" USING btree ("case_id");