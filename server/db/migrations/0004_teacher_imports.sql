CREATE TABLE "teacher_imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"school_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" varchar(64) NOT NULL,
	"mode" varchar(8) NOT NULL,
	"state" varchar(12) NOT NULL,
	"total_rows" integer NOT NULL,
	"created" integer NOT NULL,
	"existing" integer NOT NULL,
	"rejected" integer NOT NULL,
	"ignored_columns" text[] DEFAULT '{}'::text[] NOT NULL,
	"rejected_rows" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teacher_imports" ADD CONSTRAINT "teacher_imports_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_imports" ADD CONSTRAINT "teacher_imports_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "teacher_imports_school_idx" ON "teacher_imports" USING btree ("school_id","id");