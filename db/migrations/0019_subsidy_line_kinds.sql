ALTER TABLE "subsidy_lines" ADD COLUMN "line_kind" text DEFAULT 'payment' NOT NULL;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD COLUMN "corrects_line_id" bigint;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD COLUMN "before_fen" bigint;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD COLUMN "after_fen" bigint;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD COLUMN "period_start" date;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD COLUMN "period_end" date;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_corrects_line_id_subsidy_lines_id_fk" FOREIGN KEY ("corrects_line_id") REFERENCES "public"."subsidy_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lines_corrects_active_key" ON "subsidy_lines" USING btree ("corrects_line_id") WHERE "subsidy_lines"."status" in ('pending', 'paid') and "subsidy_lines"."corrects_line_id" is not null;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_amount_nonnegative" CHECK ("subsidy_lines"."line_kind" = 'correction' or "subsidy_lines"."amount_fen" >= 0);--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_correction_consistent" CHECK (("subsidy_lines"."line_kind" = 'correction') = ("subsidy_lines"."corrects_line_id" is not null) and ("subsidy_lines"."line_kind" <> 'correction' or ("subsidy_lines"."before_fen" >= 0 and "subsidy_lines"."after_fen" >= 0 and "subsidy_lines"."amount_fen" <> 0 and "subsidy_lines"."amount_fen" = "subsidy_lines"."after_fen" - "subsidy_lines"."before_fen")));--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_period_order" CHECK (("subsidy_lines"."period_start" is null) = ("subsidy_lines"."period_end" is null) and ("subsidy_lines"."period_start" is null or "subsidy_lines"."period_start" <= "subsidy_lines"."period_end"));