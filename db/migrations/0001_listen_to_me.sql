CREATE TABLE "draft" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	"invitation_id" uuid,
	"language" text NOT NULL,
	"token_hash" text NOT NULL,
	"resume_code_hash" text,
	"answers_sealed" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submission_id" uuid,
	CONSTRAINT "draft_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "draft_resume_code_hash_unique" UNIQUE("resume_code_hash")
);
--> statement-breakpoint
CREATE TABLE "invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"iro_staff_user_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"form_id" text NOT NULL,
	"language" text NOT NULL,
	"review_date" date NOT NULL,
	"link_token_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"opened_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	CONSTRAINT "invitation_link_token_hash_unique" UNIQUE("link_token_hash"),
	CONSTRAINT "invitation_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "outbox_message" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"message_id" text NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "outbox_message_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "submission" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	"language" text NOT NULL,
	"answers" jsonb NOT NULL,
	"draft_id" uuid,
	"invitation_id" uuid,
	"queue" text NOT NULL,
	"recipient_staff_user_id" uuid,
	"sender_name" text,
	"named_worker" text,
	"may_also_see" text[] DEFAULT '{}'::text[] NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"urgent_matches" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_read_at" timestamp with time zone,
	"first_read_by" uuid,
	"participation" smallint,
	"participation_recorded_at" timestamp with time zone,
	"manager_alerted_at" timestamp with time zone,
	CONSTRAINT "submission_draft_id_unique" UNIQUE("draft_id")
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "duty_team_email" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "safeguarding_phrases" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "draft" ADD CONSTRAINT "draft_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft" ADD CONSTRAINT "draft_invitation_id_invitation_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_iro_staff_user_id_staff_user_id_fk" FOREIGN KEY ("iro_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_created_by_staff_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_message" ADD CONSTRAINT "outbox_message_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_invitation_id_invitation_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_recipient_staff_user_id_staff_user_id_fk" FOREIGN KEY ("recipient_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_first_read_by_staff_user_id_fk" FOREIGN KEY ("first_read_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draft_by_expiry" ON "draft" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "invitation_by_iro" ON "invitation" USING btree ("organisation_id","iro_staff_user_id","review_date");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox_message" USING btree ("next_attempt_at") WHERE sent_at is null and failed_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "submission_reference_per_organisation" ON "submission" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE INDEX "submission_inbox" ON "submission" USING btree ("organisation_id","queue","recipient_staff_user_id","submitted_at");