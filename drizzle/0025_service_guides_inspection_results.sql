CREATE TABLE "inspection_result_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"result_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_name" text NOT NULL,
	"party_type" text NOT NULL,
	"party_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"party_id_number" text NOT NULL,
	"party_phone" text NOT NULL,
	"party_display" text NOT NULL,
	"inspected_on" date NOT NULL,
	"inspectors" text NOT NULL,
	"public_inspectors" text NOT NULL,
	"result" text NOT NULL,
	"handling" text NOT NULL,
	"public_handling" text NOT NULL,
	"case_number" text NOT NULL,
	"publish_due_on" date,
	"published_at" timestamp (3) with time zone NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"removal_reason" text NOT NULL,
	"public_removal_reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "inspection_result_versions_uq" UNIQUE("result_id","version")
);
--> statement-breakpoint
CREATE TABLE "service_guide_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"scope" text NOT NULL,
	"basis" text NOT NULL,
	"materials" text[] NOT NULL,
	"steps" text[] NOT NULL,
	"time_limit" text NOT NULL,
	"fee" text NOT NULL,
	"place" text NOT NULL,
	"phone" text NOT NULL,
	"hours" text NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "service_guide_versions_uq" UNIQUE("item_id","version")
);
--> statement-breakpoint
ALTER TABLE "inspection_result_versions" ADD CONSTRAINT "inspection_result_versions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_guide_versions" ADD CONSTRAINT "service_guide_versions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspection_result_versions_agency_idx" ON "inspection_result_versions" USING btree ("agency_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspection_result_versions_item_idx" ON "inspection_result_versions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "service_guide_versions_agency_idx" ON "service_guide_versions" USING btree ("agency_id");