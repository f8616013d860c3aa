-- The reference version (src/db/reference-version-schema.ts): raised, in the changing transaction, by
-- every statement that changes what a case step reads as reference data, so that a step which reads
-- the version with its case knows whether rows cached at that version still hold.
ALTER TABLE reference_version ADD CONSTRAINT reference_version_one_row CHECK (id);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION guifan_raise_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reference_version (id, n) VALUES (true, 1)
  ON CONFLICT (id) DO UPDATE SET n = reference_version.n + 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER agencies_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON agencies FOR EACH STATEMENT EXECUTE FUNCTION guifan_raise_reference_version();
--> statement-breakpoint
CREATE TRIGGER officer_profiles_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON officer_profiles FOR EACH STATEMENT EXECUTE FUNCTION guifan_raise_reference_version();
--> statement-breakpoint
CREATE TRIGGER certificates_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certificates FOR EACH STATEMENT EXECUTE FUNCTION guifan_raise_reference_version();
--> statement-breakpoint
CREATE TRIGGER certificate_events_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON certificate_events FOR EACH STATEMENT EXECUTE FUNCTION guifan_raise_reference_version();
--> statement-breakpoint
CREATE TRIGGER recording_lists_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON recording_lists FOR EACH STATEMENT EXECUTE FUNCTION guifan_raise_reference_version();
--> statement-breakpoint
-- Of a user, a step reads only the name (officer rows); sign-ins and other changes do not count.
CREATE TRIGGER users_reference_version AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF display_name ON users FOR EACH STATEMENT EXECUTE FUNCTION guifan_raise_reference_version();
