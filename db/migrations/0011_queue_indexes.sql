-- The reviewer queue at a province's scale (issue 13). Each tab × sort reads its page from an
-- index in order instead of sorting every matching row: the to-do tab by (state, key), the
-- "all" tab by the key alone; `number` breaks ties as the query does.
CREATE INDEX IF NOT EXISTS applications_queue_deadline_idx ON applications (state, stage_entered_at, number);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_all_deadline_idx ON applications (stage_entered_at, number);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_queue_submitted_idx ON applications (state, submitted_at DESC, number);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_all_submitted_idx ON applications (submitted_at DESC, number);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_queue_amount_idx ON applications (state, requested_amount_fen DESC, number);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS applications_all_amount_idx ON applications (requested_amount_fen DESC, number);
--> statement-breakpoint
-- Fragment search (name, number, masked 身份证号) with a trigram index over the four searched
-- columns joined by U+001F, the same expression find-review-queue.ts filters on. pg_trgm ships
-- with PostgreSQL's contrib and with PGlite (loaded by db/client.ts); where it is missing the
-- index is skipped and the search still works, scanning.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable (%): the queue search runs without its trigram index', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX IF NOT EXISTS applications_search_trgm_idx ON applications USING gin (
      (coalesce(number, '') || chr(31) || applicant_name || chr(31) || coalesce(business_name, '') || chr(31) || coalesce(id_number_masked, '')) gin_trgm_ops
    );
  END IF;
END
$$;
