CREATE TABLE "stored_file_chunks" (
	"file_key" varchar(64) NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "stored_file_chunks_file_key_seq_pk" PRIMARY KEY("file_key","seq")
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"key" varchar(64) PRIMARY KEY NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"chunk_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	CONSTRAINT "stored_files_key_format" CHECK ("stored_files"."key" ~ '^[0-9a-f]{2}/[0-9a-f]{30}$')
);
--> statement-breakpoint
ALTER TABLE "stored_file_chunks" ADD CONSTRAINT "stored_file_chunks_file_key_stored_files_key_fk" FOREIGN KEY ("file_key") REFERENCES "public"."stored_files"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_files_uncommitted_idx" ON "stored_files" USING btree ("created_at") WHERE "stored_files"."committed_at" is null;--> statement-breakpoint
-- Documents and exports are compressed already (JPEG, PNG, PDF, xlsx): store the chunks out of line without trying to compress them again.
ALTER TABLE "stored_file_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL;
