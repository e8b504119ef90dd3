CREATE TABLE "customer_message_consents" (
	"customer_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"event" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"grants" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_message_consents_customer_id_event_pk" PRIMARY KEY("customer_id","event")
);
--> statement-breakpoint
ALTER TABLE "storefronts" ADD COLUMN "tables" text[];--> statement-breakpoint
ALTER TABLE "customer_message_consents" ADD CONSTRAINT "customer_message_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_message_consents" ADD CONSTRAINT "customer_message_consents_business_id_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."businesses"("id") ON DELETE no action ON UPDATE no action;