CREATE TABLE "benefit_decisions" (
	"application_id" uuid NOT NULL,
	"item" text NOT NULL,
	"granted" boolean NOT NULL,
	"detail" jsonb NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "benefit_decisions" ADD CONSTRAINT "benefit_decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_decisions" ADD CONSTRAINT "benefit_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "benefit_decisions_key" ON "benefit_decisions" USING btree ("application_id","item");--> statement-breakpoint
CREATE INDEX "benefit_decisions_app_idx" ON "benefit_decisions" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_items_kind_name_key" ON "catalog_items" USING btree ("kind","name");