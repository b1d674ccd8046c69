CREATE TABLE "sign_in_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_link_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "team_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"staff_user_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"manager" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_membership_per_email" UNIQUE("team_id","email")
);
--> statement-breakpoint
ALTER TABLE "representation" ALTER COLUMN "made_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "representation" ALTER COLUMN "contact_method" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "ombudsman" text DEFAULT 'lgsco' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "acknowledgement_days" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "corporate_stage3_name" jsonb;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "settings_changed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD COLUMN "child_status" text;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD COLUMN "child_wanted" text;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD COLUMN "outcome_note" text;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "representation" ADD COLUMN "compliment_member_id" uuid;--> statement-breakpoint
ALTER TABLE "representation" ADD COLUMN "compliment_passed_to" jsonb;--> statement-breakpoint
ALTER TABLE "representation" ADD COLUMN "ombudsman_outcome" text;--> statement-breakpoint
ALTER TABLE "representation" ADD COLUMN "lessons_learnt" text;--> statement-breakpoint
ALTER TABLE "representation_stage" ADD COLUMN "conducted_by" text;--> statement-breakpoint
ALTER TABLE "sign_in_link" ADD CONSTRAINT "sign_in_link_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_in_link" ADD CONSTRAINT "sign_in_link_staff_user_id_staff_user_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_staff_user_id_staff_user_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD CONSTRAINT "advocacy_referral_closed_by_staff_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_compliment_member_id_team_member_id_fk" FOREIGN KEY ("compliment_member_id") REFERENCES "public"."team_member"("id") ON DELETE set null ON UPDATE no action;