ALTER TABLE "organisation" ALTER COLUMN "sso_client_secret" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "organisation" ALTER COLUMN "sso_client_secret" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "second_factor_for" text DEFAULT 'admins-and-managers' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "totp_enrolled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "totp_used_steps" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "recovery_code_hashes" text[] DEFAULT '{}' NOT NULL;