CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(number || ' ' || coalesce(contact->>'name', '') || ' ' || coalesce(contact->>'phone', '') || ' ' || coalesce(notes, ''))) STORED;--> statement-breakpoint
CREATE INDEX "orders_search_trgm_idx" ON "orders" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orders_business_state_created_idx" ON "orders" USING btree ("business_id","state","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_business_total_idx" ON "orders" USING btree ("business_id","total","id");--> statement-breakpoint
CREATE INDEX "orders_tags_idx" ON "orders" USING gin ("tags");