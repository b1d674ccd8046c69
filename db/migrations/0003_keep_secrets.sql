ALTER TABLE "outbox_message" ALTER COLUMN "body_text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "public_url" text;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "retention" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD COLUMN "sealed_secret" text;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "written_answers" text;--> statement-breakpoint
CREATE INDEX "audit_event_by_action" ON "audit_event" USING btree ("organisation_id","action","at");