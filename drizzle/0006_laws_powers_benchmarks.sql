CREATE TABLE "law_articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"law_id" uuid NOT NULL,
	"number" text NOT NULL,
	"ordinal" integer NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"effective_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "law_articles_version_unique" UNIQUE("law_id","number","version")
);
--> statement-breakpoint
CREATE TABLE "laws" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"issuing_body" text NOT NULL,
	"document_number" text DEFAULT '' NOT NULL,
	"promulgated_on" date,
	"effective_on" date,
	"repealed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "laws_title_unique" UNIQUE("title"),
	CONSTRAINT "laws_level_check" CHECK ("laws"."level" in ('law','administrative_regulation','local_regulation','department_rule','local_government_rule','normative_document'))
);
--> statement-breakpoint
CREATE TABLE "power_item_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	CONSTRAINT "power_item_versions_unique" UNIQUE("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "power_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"field" text NOT NULL,
	"basis_article_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"basis_text" text DEFAULT '' NOT NULL,
	"transferred_from" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "power_items_code_unique" UNIQUE("agency_id","code"),
	CONSTRAINT "power_items_kind_check" CHECK ("power_items"."kind" in ('penalty','compulsory_measure','inspection','licence','levy','confirmation','ruling','other')),
	CONSTRAINT "power_items_status_check" CHECK ("power_items"."status" in ('active','suspended','abolished'))
);
--> statement-breakpoint
CREATE TABLE "review_flags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" uuid NOT NULL,
	"target_label" text NOT NULL,
	"law_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_by" uuid,
	"clear_note" text,
	CONSTRAINT "review_flags_kind_check" CHECK ("review_flags"."target_kind" in ('power_item','benchmark'))
);
--> statement-breakpoint
CREATE TABLE "benchmark_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"benchmark_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	CONSTRAINT "benchmark_versions_unique" UNIQUE("benchmark_id","version")
);
--> statement-breakpoint
CREATE TABLE "benchmarks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text NOT NULL,
	"violation_name" text NOT NULL,
	"power_item_id" uuid,
	"violated_article_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"penalty_article_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"quantity_name" text,
	"quantity_unit" text,
	"tiers" jsonb NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "benchmarks_code_unique" UNIQUE("agency_id","code")
);
--> statement-breakpoint
ALTER TABLE "law_articles" ADD CONSTRAINT "law_articles_law_id_laws_id_fk" FOREIGN KEY ("law_id") REFERENCES "public"."laws"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "power_item_versions" ADD CONSTRAINT "power_item_versions_item_id_power_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."power_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "power_items" ADD CONSTRAINT "power_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_flags" ADD CONSTRAINT "review_flags_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmark_versions" ADD CONSTRAINT "benchmark_versions_benchmark_id_benchmarks_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."benchmarks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benchmarks" ADD CONSTRAINT "benchmarks_power_item_id_power_items_id_fk" FOREIGN KEY ("power_item_id") REFERENCES "public"."power_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "law_articles_law_idx" ON "law_articles" USING btree ("law_id","ordinal");--> statement-breakpoint
CREATE INDEX "review_flags_open_idx" ON "review_flags" USING btree ("agency_id","cleared_at");