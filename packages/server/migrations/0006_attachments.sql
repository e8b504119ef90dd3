CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"business_id" uuid NOT NULL,
	"parent_type" text NOT NULL,
	"parent_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"width" integer,
	"height" integer,
	"uploaded_by_type" text NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_storage_key_unique" UNIQUE("storage_key"),
	CONSTRAINT "attachments_byte_size_check" CHECK ("attachments"."byte_size" > 0)
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_parent_idx" ON "attachments" USING btree ("parent_type","parent_id","created_at");--> statement-breakpoint
CREATE INDEX "attachments_business_idx" ON "attachments" USING btree ("business_id","created_at");--> statement-breakpoint
-- Hand-written: the built-in roles of existing businesses gain the permission their definitions now carry.
UPDATE "roles" SET "permissions" = array_append("permissions", 'orders.attach') WHERE "built_in" AND "key" IN ('admin', 'coordinator', 'production', 'sales_rep') AND NOT ('orders.attach' = ANY("permissions"));
