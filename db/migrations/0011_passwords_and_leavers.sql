ALTER TABLE "organisation" ADD COLUMN "inactive_account_days" smallint DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_link" ADD COLUMN "purpose" text DEFAULT 'welcome' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "last_signed_in_at" timestamp with time zone;--> statement-breakpoint
-- Accounts in use before this was kept: their last sign-in, from the audit trail.
UPDATE "staff_user" SET "last_signed_in_at" = "signed_in"."at"
FROM (
  SELECT "actor_staff_user_id", max("at") AS "at" FROM "audit_event"
  WHERE "action" IN ('sign-in', 'sign-in.first') AND "actor_staff_user_id" IS NOT NULL
  GROUP BY "actor_staff_user_id"
) AS "signed_in"
WHERE "signed_in"."actor_staff_user_id" = "staff_user"."id";
