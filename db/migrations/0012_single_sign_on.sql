ALTER TABLE "organisation" ADD COLUMN "sso_issuer" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "sso_client_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "sso_client_secret" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "staff_sign_in" text DEFAULT 'password-or-sso' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "sso_subject" text;--> statement-breakpoint
ALTER TABLE "staff_user" ADD COLUMN "password_when_sso_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_user" ADD CONSTRAINT "staff_sso_subject_per_organisation" UNIQUE("organisation_id","sso_subject");