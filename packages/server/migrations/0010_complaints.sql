CREATE TABLE "complaint_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"complaint_id" uuid NOT NULL,
	"type" text NOT NULL,
	"visibility" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"from_state" text,
	"to_state" text,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version_after" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"business_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"customer_id" uuid,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"description" text NOT NULL,
	"filed_by_type" text NOT NULL,
	"filed_by_id" uuid NOT NULL,
	"assignee_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"state_entered_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refund_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"business_id" uuid NOT NULL,
	"complaint_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'decided' NOT NULL,
	"note" text,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refund_decisions_amount_ck" CHECK ("refund_decisions"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "timers" ADD COLUMN "complaint_id" uuid;--> statement-breakpoint
ALTER TABLE "complaint_entries" ADD CONSTRAINT "complaint_entries_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_decisions" ADD CONSTRAINT "refund_decisions_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_decisions" ADD CONSTRAINT "refund_decisions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_decisions" ADD CONSTRAINT "refund_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_entries_complaint_idx" ON "complaint_entries" USING btree ("complaint_id","at","id");--> statement-breakpoint
CREATE INDEX "complaints_business_created_idx" ON "complaints" USING btree ("business_id","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_store_created_idx" ON "complaints" USING btree ("business_id","store_id","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_order_idx" ON "complaints" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "complaints_customer_idx" ON "complaints" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_active_idx" ON "complaints" USING btree ("business_id","created_at") WHERE "complaints"."state" IN ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "complaints_assignee_idx" ON "complaints" USING btree ("assignee_id") WHERE "complaints"."state" IN ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "refund_decisions_order_idx" ON "refund_decisions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refund_decisions_complaint_idx" ON "refund_decisions" USING btree ("complaint_id");--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;