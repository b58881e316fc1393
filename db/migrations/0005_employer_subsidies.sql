CREATE TABLE "hiring_filing_hires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_masked" text NOT NULL,
	"category" text NOT NULL,
	"contract_months" integer NOT NULL,
	"insured_months" integer NOT NULL,
	"amount_fen" bigint
);
--> statement-breakpoint
CREATE TABLE "hiring_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"policy_year" integer NOT NULL,
	"scheme" text NOT NULL,
	"uscc" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"account_name" text NOT NULL,
	"account_no_enc" text NOT NULL,
	"account_no_masked" text NOT NULL,
	"account_bank" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decision_reason" text,
	"amount_fen" bigint,
	"result" jsonb,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wage_refund_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_year" integer NOT NULL,
	"uscc" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"size_class" text NOT NULL,
	"avg_insured" integer NOT NULL,
	"layoffs" integer NOT NULL,
	"premiums_paid_fen" bigint NOT NULL,
	"months_insured" integer NOT NULL,
	"serious_dishonesty" boolean DEFAULT false NOT NULL,
	"deregistered" boolean DEFAULT false NOT NULL,
	"abnormal_operation" boolean DEFAULT false NOT NULL,
	"arrears" boolean DEFAULT false NOT NULL,
	"contact_mobile" text,
	"account_name" text,
	"account_no_enc" text,
	"account_no_masked" text,
	"account_bank" text,
	"eligible" boolean NOT NULL,
	"amount_fen" bigint NOT NULL,
	"result" jsonb NOT NULL,
	"status" text NOT NULL,
	"confirm_code_hash" text,
	"confirm_code_expires_at" timestamp with time zone,
	"confirm_attempts" integer DEFAULT 0 NOT NULL,
	"confirmed_at" timestamp with time zone,
	"import_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hiring_filing_hires" ADD CONSTRAINT "hiring_filing_hires_filing_id_hiring_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."hiring_filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiring_filings" ADD CONSTRAINT "hiring_filings_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hiring_filings" ADD CONSTRAINT "hiring_filings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD CONSTRAINT "wage_refund_records_import_id_data_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."data_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hiring_hires_person_key" ON "hiring_filing_hires" USING btree ("filing_id","id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "hiring_filings_number_key" ON "hiring_filings" USING btree ("number");--> statement-breakpoint
CREATE INDEX "hiring_filings_status_idx" ON "hiring_filings" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "wage_refund_year_uscc_key" ON "wage_refund_records" USING btree ("policy_year","uscc");--> statement-breakpoint
CREATE INDEX "wage_refund_status_idx" ON "wage_refund_records" USING btree ("policy_year","status");