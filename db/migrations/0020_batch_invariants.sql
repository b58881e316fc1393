-- Money invariants held by the database itself, whatever the application code does (issue 11).
-- The app role owns none of these objects: it can neither drop nor disable them (db/app-role.ts).

-- The interest period of the interest lines written before the columns existed.
UPDATE subsidy_lines
   SET period_start = (detail->>'periodStart')::date, period_end = (detail->>'periodEnd')::date
 WHERE period_start IS NULL AND detail ? 'periodStart' AND detail ? 'periodEnd';
--> statement-breakpoint

-- No two active (pending or paid) payment lines of one loan cover the same day: neither the
-- same period twice nor overlapping periods. Corrections are linked to the line they correct
-- (one active correction per line: subsidy_lines_corrects_active_key) and are not payments of a period.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE subsidy_lines ADD CONSTRAINT subsidy_lines_no_overlap
  EXCLUDE USING gist (application_id WITH =, daterange(period_start, period_end, '[]') WITH &&)
  WHERE (status IN ('pending', 'paid') AND line_kind <> 'correction' AND period_start IS NOT NULL AND application_id IS NOT NULL);
--> statement-breakpoint

-- Lines are written while their batch is 'building' or 'prepared'. Once it has left
-- 'prepared' (verified, approved, exported, reconciled, failed) a line can no longer be
-- added, removed or changed — except its payment result, once, by reconciliation of the
-- exported batch (pending → paid or failed, with the bank's reference, reason and time).
CREATE OR REPLACE FUNCTION subsidy_lines_frozen_guard() RETURNS trigger AS $$
DECLARE
  st text;
  result_columns constant text[] := ARRAY['status', 'bank_txn_ref', 'failure_reason', 'settled_at'];
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT status INTO st FROM subsidy_batches WHERE id = OLD.batch_id;
    IF st NOT IN ('building', 'prepared') THEN
      IF TG_OP = 'UPDATE' AND st = 'exported' AND NEW.batch_id = OLD.batch_id
         AND OLD.status = 'pending' AND NEW.status IN ('paid', 'failed')
         AND (to_jsonb(NEW) - result_columns) = (to_jsonb(OLD) - result_columns) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'subsidy line % belongs to batch % in status %: its lines are frozen (% refused)', OLD.id, OLD.batch_id, st, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.batch_id <> OLD.batch_id) THEN
    SELECT status INTO st FROM subsidy_batches WHERE id = NEW.batch_id;
    IF st NOT IN ('building', 'prepared') THEN
      RAISE EXCEPTION 'batch % is in status %: no line may be added to it', NEW.batch_id, st
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER subsidy_lines_frozen
  BEFORE INSERT OR UPDATE OR DELETE ON subsidy_lines
  FOR EACH ROW EXECUTE FUNCTION subsidy_lines_frozen_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION subsidy_refuse_removal() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% of % refused: subsidy batches and their lines are never removed wholesale', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER subsidy_lines_no_truncate
  BEFORE TRUNCATE ON subsidy_lines
  FOR EACH STATEMENT EXECUTE FUNCTION subsidy_refuse_removal();
--> statement-breakpoint

-- A batch that has left 'prepared' moves only forward along its life cycle (so it cannot be
-- sent back to 'prepared' to have its lines changed), and its identity, line count and total
-- never change again.
CREATE OR REPLACE FUNCTION subsidy_batches_forward_guard() RETURNS trigger AS $$
BEGIN
  IF OLD.status IN ('verified', 'approved', 'exported', 'reconciled') THEN
    IF NOT (NEW.status = OLD.status
            OR (OLD.status = 'verified' AND NEW.status = 'approved')
            OR (OLD.status = 'approved' AND NEW.status = 'exported')
            OR (OLD.status = 'exported' AND NEW.status = 'reconciled')) THEN
      RAISE EXCEPTION 'batch % cannot go from % to %', OLD.id, OLD.status, NEW.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.line_count <> OLD.line_count OR NEW.total_fen <> OLD.total_fen OR NEW.kind <> OLD.kind OR NEW.period <> OLD.period
       OR NEW.round <> OLD.round OR NEW.number <> OLD.number OR NEW.bank_org_id IS DISTINCT FROM OLD.bank_org_id THEN
      RAISE EXCEPTION 'batch % in status % cannot change its identity, line count or total', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER subsidy_batches_forward
  BEFORE UPDATE ON subsidy_batches
  FOR EACH ROW EXECUTE FUNCTION subsidy_batches_forward_guard();
--> statement-breakpoint
CREATE TRIGGER subsidy_batches_no_delete
  BEFORE DELETE OR TRUNCATE ON subsidy_batches
  FOR EACH STATEMENT EXECUTE FUNCTION subsidy_refuse_removal();
--> statement-breakpoint

-- At commit: a batch's line count and total are those of its lines (except while the claim
-- job is still building it: it sets them when it marks the batch 'prepared').
CREATE OR REPLACE FUNCTION subsidy_batch_assert_totals(bid uuid) RETURNS void AS $$
DECLARE
  b record;
  n bigint;
  total numeric;
BEGIN
  SELECT status, line_count, total_fen INTO b FROM subsidy_batches WHERE id = bid;
  IF NOT FOUND OR b.status = 'building' THEN RETURN; END IF;
  SELECT count(*), coalesce(sum(amount_fen), 0) INTO n, total FROM subsidy_lines WHERE batch_id = bid;
  IF n <> b.line_count OR total <> b.total_fen THEN
    RAISE EXCEPTION 'batch % says % lines totalling % fen, its lines are % totalling % fen', bid, b.line_count, b.total_fen, n, total
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION subsidy_lines_totals_check() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM subsidy_batch_assert_totals(NEW.batch_id); END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.batch_id <> OLD.batch_id) THEN PERFORM subsidy_batch_assert_totals(OLD.batch_id); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER subsidy_lines_totals
  AFTER INSERT OR DELETE OR UPDATE OF batch_id, amount_fen ON subsidy_lines
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION subsidy_lines_totals_check();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION subsidy_batches_totals_check() RETURNS trigger AS $$
BEGIN
  PERFORM subsidy_batch_assert_totals(NEW.id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER subsidy_batches_totals
  AFTER INSERT OR UPDATE OF line_count, total_fen, status ON subsidy_batches
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION subsidy_batches_totals_check();
