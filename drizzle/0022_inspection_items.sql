CREATE TABLE "inspection_item_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"subject" text NOT NULL,
	"method" text NOT NULL,
	"frequency" text NOT NULL,
	"basis" text NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "inspection_item_versions_uq" UNIQUE("item_id","version")
);
--> statement-breakpoint
ALTER TABLE "inspection_item_versions" ADD CONSTRAINT "inspection_item_versions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_item_versions_agency_idx" ON "inspection_item_versions" USING btree ("agency_id");