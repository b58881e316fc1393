CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"is_working_day" boolean NOT NULL,
	"note" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"bank_org_id" integer NOT NULL,
	"contract_no" text NOT NULL,
	"annual_rate_units" bigint NOT NULL,
	"principal_fen" bigint NOT NULL,
	"term_months" integer NOT NULL,
	"contract_date" date NOT NULL,
	"maturity_date" date NOT NULL,
	"rate_check" jsonb NOT NULL,
	"disbursed_date" date,
	"disbursed_fen" bigint,
	"drawdown_no" text,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "limit_facts" jsonb;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "stage_entered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_bank_org_id_organisations_id_fk" FOREIGN KEY ("bank_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "loans_contract_no_key" ON "loans" USING btree ("bank_org_id","contract_no");