CREATE TABLE "audit_chain" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_one_row" CHECK ("audit_chain"."singleton")
);
--> statement-breakpoint
-- The chain's identity, made once; never changed (the trigger below; the app may only read it).
INSERT INTO "audit_chain" DEFAULT VALUES;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_chain_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain is fixed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_change
  BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_chain_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate
  BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_refuse_change();
--> statement-breakpoint
-- Rows written before the chain was keyed keep their unkeyed SHA-256 hash, marked version 1
-- (a constant default: no row is rewritten, so the append-only trigger is not involved); every
-- row from now on is keyed (version 2), the first of them sealing the last unkeyed hash.
ALTER TABLE "audit_log" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash_version" SET DEFAULT 2;
