CREATE TABLE "report_approval_daily" (
	"business_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sales_rep_id" uuid,
	"created_by" uuid,
	"decided" integer NOT NULL,
	"approved" integer NOT NULL,
	"rejected" integer NOT NULL,
	"pending" integer NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_line_daily" (
	"business_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sales_rep_id" uuid,
	"created_by" uuid,
	"product_id" uuid NOT NULL,
	"category_id" uuid,
	"orders" integer NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_order_daily" (
	"business_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sales_rep_id" uuid,
	"created_by" uuid,
	"channel" text NOT NULL,
	"state" text NOT NULL,
	"category" text NOT NULL,
	"orders" integer NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_refresh" (
	"id" text PRIMARY KEY NOT NULL,
	"last_event_id" bigint NOT NULL,
	"recheck_from_id" bigint NOT NULL,
	"pending_from_id" bigint NOT NULL,
	"recheck_set_at" timestamp with time zone NOT NULL,
	"window_count" integer DEFAULT 0 NOT NULL,
	"rebuilt_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_state_time_daily" (
	"business_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sales_rep_id" uuid,
	"created_by" uuid,
	"state" text NOT NULL,
	"stays" integer NOT NULL,
	"seconds" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_approval_daily_business_idx" ON "report_approval_daily" USING btree ("business_id","day");--> statement-breakpoint
CREATE INDEX "report_approval_daily_store_idx" ON "report_approval_daily" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "report_line_daily_business_idx" ON "report_line_daily" USING btree ("business_id","day");--> statement-breakpoint
CREATE INDEX "report_line_daily_store_idx" ON "report_line_daily" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "report_order_daily_business_idx" ON "report_order_daily" USING btree ("business_id","day");--> statement-breakpoint
CREATE INDEX "report_order_daily_store_idx" ON "report_order_daily" USING btree ("store_id","day");--> statement-breakpoint
CREATE INDEX "report_state_time_daily_business_idx" ON "report_state_time_daily" USING btree ("business_id","day");--> statement-breakpoint
CREATE INDEX "report_state_time_daily_store_idx" ON "report_state_time_daily" USING btree ("store_id","day");