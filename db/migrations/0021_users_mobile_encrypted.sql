DROP INDEX "users_mobile_key";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mobile_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mobile_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mobile_masked" text;--> statement-breakpoint
CREATE UNIQUE INDEX "users_mobile_hash_key" ON "users" USING btree ("mobile_hash") WHERE "users"."mobile_hash" is not null;