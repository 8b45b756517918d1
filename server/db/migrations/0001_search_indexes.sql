-- Search (TCH-8): trigram matching of names of 3+ characters, prefix matching of short names,
-- ID numbers and 师训号. pg_trgm ships with PostgreSQL (contrib) and with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "accounts_real_name_trgm_idx" ON "accounts" USING gin ("real_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "accounts_real_name_prefix_idx" ON "accounts" ("real_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "accounts_id_number_prefix_idx" ON "accounts" ("id_number" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "accounts_shixun_no_prefix_idx" ON "accounts" ("shixun_no" varchar_pattern_ops);
