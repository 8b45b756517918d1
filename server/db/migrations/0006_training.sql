CREATE TABLE "attendance" (
	"enrolment_id" integer NOT NULL,
	"day" date NOT NULL,
	"method" varchar(8) NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_enrolment_id_day_pk" PRIMARY KEY("enrolment_id","day")
);
--> statement-breakpoint
CREATE TABLE "checkin_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"day" date NOT NULL,
	"code" varchar(6) NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_materials" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"name" text NOT NULL,
	"file_key" text NOT NULL,
	"file_type" varchar(8) NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"seq" smallint NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"place" text NOT NULL,
	"planned_capacity" integer NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"checkpoint_level" varchar(8),
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"teacher_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"school_id" integer,
	"round" smallint NOT NULL,
	"state" varchar(24) NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"school_approved_at" timestamp with time zone,
	"result" varchar(8),
	"score" numeric(5, 1),
	"graded_at" timestamp with time zone,
	"leave_reason" text,
	"replacement_of" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"enrolment_id" integer PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"average" numeric(3, 2) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"overdue" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"teacher_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"category" varchar(16) NOT NULL,
	"source" varchar(16) NOT NULL,
	"source_id" integer NOT NULL,
	"title" text NOT NULL,
	"reverses" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lotteries" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"seed" varchar(64) NOT NULL,
	"places" integer NOT NULL,
	"candidates" integer[] NOT NULL,
	"selected" integer[] NOT NULL,
	"run_by" integer,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"kind" varchar(32) NOT NULL,
	"params" jsonb NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_quotas" (
	"project_id" integer NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"places" integer NOT NULL,
	CONSTRAINT "project_quotas_project_id_region_code_pk" PRIMARY KEY("project_id","region_code")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"institution_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"name" text NOT NULL,
	"category" varchar(16) NOT NULL,
	"target_regions" text[] NOT NULL,
	"stages" text[] DEFAULT '{}'::text[] NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"posts" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours" numeric(6, 1) NOT NULL,
	"hour_category" varchar(16) NOT NULL,
	"mode" varchar(8) NOT NULL,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"state" varchar(12) NOT NULL,
	"reviewer_level" varchar(8) NOT NULL,
	"reviewer_region" varchar(6) NOT NULL,
	"min_class_size" integer,
	"plan_key" text,
	"plan_name" text,
	"plan_type" varchar(8),
	"plan_size" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teacher_years" (
	"teacher_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"enrolled_hours" numeric(6, 1) DEFAULT 0 NOT NULL,
	"earned_hours" numeric(6, 1) DEFAULT 0 NOT NULL,
	"public_hours" numeric(6, 1) DEFAULT 0 NOT NULL,
	"professional_hours" numeric(6, 1) DEFAULT 0 NOT NULL,
	"elective_hours" numeric(6, 1) DEFAULT 0 NOT NULL,
	CONSTRAINT "teacher_years_teacher_id_year_pk" PRIMARY KEY("teacher_id","year")
);
--> statement-breakpoint
CREATE TABLE "training_years" (
	"year" smallint PRIMARY KEY NOT NULL,
	"is_current" boolean DEFAULT false NOT NULL,
	"round1_start" date NOT NULL,
	"round1_end" date NOT NULL,
	"round2_start" date NOT NULL,
	"round2_end" date NOT NULL,
	"evaluation_days" smallint DEFAULT 10 NOT NULL,
	"hour_cap" numeric(6, 1) DEFAULT 90 NOT NULL,
	"round2_open_to_all" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_codes" ADD CONSTRAINT "checkin_codes_class_id_class_periods_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."class_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_materials" ADD CONSTRAINT "class_materials_class_id_class_periods_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."class_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_materials" ADD CONSTRAINT "class_materials_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_periods" ADD CONSTRAINT "class_periods_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_class_id_class_periods_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."class_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_class_id_class_periods_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."class_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lotteries" ADD CONSTRAINT "lotteries_class_id_class_periods_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."class_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lotteries" ADD CONSTRAINT "lotteries_run_by_accounts_id_fk" FOREIGN KEY ("run_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_quotas" ADD CONSTRAINT "project_quotas_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_quotas" ADD CONSTRAINT "project_quotas_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_reviewer_region_regions_code_fk" FOREIGN KEY ("reviewer_region") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_years" ADD CONSTRAINT "teacher_years_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkin_codes_code_idx" ON "checkin_codes" USING btree ("code","expires_at");--> statement-breakpoint
CREATE INDEX "class_materials_class_idx" ON "class_materials" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "class_periods_project_idx" ON "class_periods" USING btree ("project_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_teacher_class" ON "enrolments" USING btree ("teacher_id","class_id") WHERE state in ('pending_school', 'pending_bureau', 'pending_institution', 'admitted', 'on_leave', 'listed', 'rejected_school');--> statement-breakpoint
CREATE INDEX "enrolments_class_state_idx" ON "enrolments" USING btree ("class_id","state");--> statement-breakpoint
CREATE INDEX "enrolments_school_state_idx" ON "enrolments" USING btree ("school_id","state");--> statement-breakpoint
CREATE INDEX "enrolments_teacher_year_idx" ON "enrolments" USING btree ("teacher_id","year");--> statement-breakpoint
CREATE INDEX "evaluations_class_idx" ON "evaluations" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "ledger_teacher_idx" ON "ledger_entries" USING btree ("teacher_id","year");--> statement-breakpoint
CREATE INDEX "ledger_source_idx" ON "ledger_entries" USING btree ("source","source_id");--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("account_id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "projects_institution_idx" ON "projects" USING btree ("institution_id","id");--> statement-breakpoint
CREATE INDEX "projects_reviewer_idx" ON "projects" USING btree ("reviewer_region","state");--> statement-breakpoint
CREATE INDEX "projects_year_state_idx" ON "projects" USING btree ("year","state");--> statement-breakpoint
CREATE UNIQUE INDEX "training_years_one_current" ON "training_years" USING btree ("is_current") WHERE is_current;