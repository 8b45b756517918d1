CREATE TABLE "teacher_transfers" (
	"id" serial PRIMARY KEY NOT NULL,
	"teacher_id" integer NOT NULL,
	"from_school_id" integer NOT NULL,
	"to_school_id" integer NOT NULL,
	"approver_level" varchar(8) NOT NULL,
	"approver_region" varchar(6) NOT NULL,
	"state" varchar(16) NOT NULL,
	"note" text,
	"applied_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teachers" ADD COLUMN "special_user" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "teachers" ADD COLUMN "unpaid_selections" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "teacher_transfers" ADD CONSTRAINT "teacher_transfers_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_transfers" ADD CONSTRAINT "teacher_transfers_from_school_id_schools_id_fk" FOREIGN KEY ("from_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_transfers" ADD CONSTRAINT "teacher_transfers_to_school_id_schools_id_fk" FOREIGN KEY ("to_school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_transfers" ADD CONSTRAINT "teacher_transfers_applied_by_accounts_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "teacher_transfers_one_pending" ON "teacher_transfers" USING btree ("teacher_id") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "teacher_transfers_approver_idx" ON "teacher_transfers" USING btree ("approver_region","state");--> statement-breakpoint
CREATE INDEX "teacher_transfers_to_idx" ON "teacher_transfers" USING btree ("to_school_id");--> statement-breakpoint
CREATE INDEX "teacher_transfers_from_idx" ON "teacher_transfers" USING btree ("from_school_id");