CREATE TABLE "data_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"org_id" integer,
	"uploaded_by" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"status" text NOT NULL,
	"errors" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_date" date NOT NULL,
	"new_maturity_date" date,
	"amount_fen" bigint,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repayments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"repaid_on" date NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	"bank_ref" text NOT NULL,
	"source" text NOT NULL,
	"import_id" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"bank_org_id" integer,
	"round" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"line_count" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"prepared_by" uuid,
	"verified_by" uuid,
	"approved_by" uuid,
	"exported_by" uuid,
	"verified_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"exported_at" timestamp with time zone,
	"export_xlsx_key" text,
	"export_xlsx_sha256" text,
	"export_csv_key" text,
	"export_csv_sha256" text,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"subject_key" text NOT NULL,
	"application_id" uuid,
	"payee_name" text NOT NULL,
	"payee_id_masked" text,
	"payee_id_enc" text,
	"payee_account_masked" text,
	"payee_account_enc" text,
	"payee_bank_name" text,
	"amount_fen" bigint NOT NULL,
	"detail" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"bank_txn_ref" text,
	"failure_reason" text,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "data_imports" ADD CONSTRAINT "data_imports_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_imports" ADD CONSTRAINT "data_imports_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_events" ADD CONSTRAINT "loan_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_events" ADD CONSTRAINT "loan_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_import_id_data_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."data_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repayments" ADD CONSTRAINT "repayments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_bank_org_id_organisations_id_fk" FOREIGN KEY ("bank_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_batches" ADD CONSTRAINT "subsidy_batches_exported_by_users_id_fk" FOREIGN KEY ("exported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_batch_id_subsidy_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."subsidy_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lines" ADD CONSTRAINT "subsidy_lines_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_imports_applied_key" ON "data_imports" USING btree ("kind","org_id","sha256") WHERE "data_imports"."status" = 'applied';--> statement-breakpoint
CREATE INDEX "loan_events_app_idx" ON "loan_events" USING btree ("application_id","effective_date");--> statement-breakpoint
CREATE UNIQUE INDEX "repayments_bank_ref_key" ON "repayments" USING btree ("application_id","bank_ref");--> statement-breakpoint
CREATE INDEX "repayments_app_idx" ON "repayments" USING btree ("application_id","repaid_on");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_batches_number_key" ON "subsidy_batches" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_batches_period_key" ON "subsidy_batches" USING btree ("kind","period",coalesce("bank_org_id", 0),"round");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lines_batch_seq_key" ON "subsidy_lines" USING btree ("batch_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lines_subject_active_key" ON "subsidy_lines" USING btree ("subject_key") WHERE "subsidy_lines"."status" in ('pending', 'paid');--> statement-breakpoint
CREATE INDEX "subsidy_lines_app_idx" ON "subsidy_lines" USING btree ("application_id");