CREATE TABLE "review_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"machine" varchar(32) NOT NULL,
	"subject_id" integer NOT NULL,
	"from_state" varchar(24),
	"to_state" varchar(24) NOT NULL,
	"action" varchar(24) NOT NULL,
	"actor_account_id" integer,
	"actor_name" text,
	"actor_role" varchar(24),
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"teacher_id" integer NOT NULL,
	"school_id" integer,
	"state" varchar(16) NOT NULL,
	"changes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profile_changes" ADD CONSTRAINT "profile_changes_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_changes" ADD CONSTRAINT "profile_changes_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_history_subject_idx" ON "review_history" USING btree ("machine","subject_id","id");--> statement-breakpoint
CREATE INDEX "profile_changes_school_state_idx" ON "profile_changes" USING btree ("school_id","state");--> statement-breakpoint
CREATE INDEX "profile_changes_teacher_idx" ON "profile_changes" USING btree ("teacher_id");