CREATE TABLE "procedure_list_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"list" text NOT NULL,
	"power_item_id" uuid NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "procedure_list_entries_list_check" CHECK ("procedure_list_entries"."list" in ('three_step','first_violation')),
	CONSTRAINT "procedure_list_entries_action_check" CHECK ("procedure_list_entries"."action" in ('add','remove'))
);
--> statement-breakpoint
ALTER TABLE "procedure_list_entries" ADD CONSTRAINT "procedure_list_entries_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_list_entries_idx" ON "procedure_list_entries" USING btree ("agency_id","list","power_item_id","at");