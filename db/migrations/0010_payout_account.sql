ALTER TABLE "loans" ADD COLUMN "payout_account_enc" text;--> statement-breakpoint
ALTER TABLE "loans" ADD COLUMN "payout_account_masked" text;