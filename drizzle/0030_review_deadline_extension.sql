CREATE TABLE "review_deadline_extensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"review_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"days" integer NOT NULL,
	"previous_due_on" date NOT NULL,
	"due_on" date NOT NULL,
	"reason" text NOT NULL,
	"approver_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "review_deadline_extensions_review_id_unique" UNIQUE("review_id"),
	CONSTRAINT "review_deadline_extensions_days_check" CHECK ("review_deadline_extensions"."days" > 0)
);
--> statement-breakpoint
ALTER TABLE "review_deadline_extensions" ADD CONSTRAINT "review_deadline_extensions_review_id_legal_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."legal_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_deadline_extensions_agency_idx" ON "review_deadline_extensions" USING btree ("agency_id","at");