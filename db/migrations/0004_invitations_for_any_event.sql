ALTER TABLE "invitation" RENAME COLUMN "iro_staff_user_id" TO "invited_by_staff_user_id";--> statement-breakpoint
ALTER TABLE "invitation" RENAME COLUMN "review_date" TO "event_date";--> statement-breakpoint
ALTER TABLE "invitation" DROP CONSTRAINT "invitation_iro_staff_user_id_staff_user_id_fk";
--> statement-breakpoint
DROP INDEX "invitation_by_iro";--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "invited_by_staff_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "child_name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ALTER COLUMN "code_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "anonymity_threshold" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "event_kind" text DEFAULT 'review' NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "event_reference" text;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "representation_id" uuid;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "one_shot" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "event_kind" text;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "event_date" date;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "event_reference" text;--> statement-breakpoint
ALTER TABLE "submission" ADD COLUMN "invited_by_staff_user_id" uuid;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_invited_by_staff_user_id_staff_user_id_fk" FOREIGN KEY ("invited_by_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_representation_id_representation_id_fk" FOREIGN KEY ("representation_id") REFERENCES "public"."representation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_invited_by_staff_user_id_staff_user_id_fk" FOREIGN KEY ("invited_by_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitation_by_inviter" ON "invitation" USING btree ("organisation_id","invited_by_staff_user_id","event_date");--> statement-breakpoint
CREATE INDEX "submission_by_form" ON "submission" USING btree ("organisation_id","form_id","submitted_at");--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_representation_id_unique" UNIQUE("representation_id");--> statement-breakpoint
UPDATE "submission" SET "event_kind" = "invitation"."event_kind", "event_date" = "invitation"."event_date", "invited_by_staff_user_id" = "invitation"."invited_by_staff_user_id" FROM "invitation" WHERE "submission"."invitation_id" = "invitation"."id";
