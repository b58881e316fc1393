CREATE TABLE "enterprise_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"user_id" uuid NOT NULL,
	"confirmed_by" uuid NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"uscc" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"legal_rep_name" text,
	"legal_rep_id_hash" text,
	"legal_rep_id_masked" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sms_outbox" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sms_outbox" ADD COLUMN "summary" text NOT NULL DEFAULT '';--> statement-breakpoint
-- What staff may see of the messages already written: a code or password message only as "验证码短信已发送".
UPDATE "sms_outbox" SET "summary" = CASE WHEN "body" ~ '(确认码|验证码|密码)' THEN '验证码短信已发送' ELSE "body" END;--> statement-breakpoint
ALTER TABLE "sms_outbox" ALTER COLUMN "summary" DROP DEFAULT;--> statement-breakpoint
-- Bodies already sent or given up on are no longer needed by anyone: wipe them.
UPDATE "sms_outbox" SET "body" = NULL WHERE "status" <> 'pending';--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD COLUMN "pending_change" jsonb;--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD COLUMN "change_reviewed_by" uuid;--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD COLUMN "change_reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD COLUMN "change_review_reason" text;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_contacts" ADD CONSTRAINT "enterprise_contacts_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_contacts_key" ON "enterprise_contacts" USING btree ("uscc","user_id");--> statement-breakpoint
ALTER TABLE "wage_refund_records" ADD CONSTRAINT "wage_refund_records_change_reviewed_by_users_id_fk" FOREIGN KEY ("change_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;