DROP INDEX "public_decisions_agency_idx";--> statement-breakpoint
CREATE INDEX "public_decisions_decided_idx" ON "public_decisions" USING btree ("decided_on","id");--> statement-breakpoint
CREATE INDEX "public_decisions_agency_decided_idx" ON "public_decisions" USING btree ("agency_id","decided_on","id");--> statement-breakpoint
CREATE INDEX "public_decisions_field_decided_idx" ON "public_decisions" USING btree ("field","decided_on","id");