CREATE TABLE "conference" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"held_on" date NOT NULL,
	"chaired_by" uuid NOT NULL,
	"conference_type" text,
	"referrer_name" text,
	"aims" text[] DEFAULT '{}'::text[] NOT NULL,
	"looked_after_at_referral" boolean,
	"accepts_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "review_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"iro_staff_user_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"participation" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD COLUMN "participation_target" smallint DEFAULT 95 NOT NULL;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "conference_id" uuid;--> statement-breakpoint
ALTER TABLE "invitation" ADD COLUMN "secrets_sealed" text;--> statement-breakpoint
ALTER TABLE "conference" ADD CONSTRAINT "conference_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference" ADD CONSTRAINT "conference_chaired_by_staff_user_id_fk" FOREIGN KEY ("chaired_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference" ADD CONSTRAINT "conference_created_by_staff_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_record" ADD CONSTRAINT "review_record_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_record" ADD CONSTRAINT "review_record_iro_staff_user_id_staff_user_id_fk" FOREIGN KEY ("iro_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conference_reference_per_organisation" ON "conference" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE INDEX "conference_by_chair" ON "conference" USING btree ("organisation_id","chaired_by","held_on");--> statement-breakpoint
CREATE INDEX "conference_by_day" ON "conference" USING btree ("organisation_id","kind","held_on");--> statement-breakpoint
CREATE INDEX "review_record_by_day" ON "review_record" USING btree ("organisation_id","held_on");--> statement-breakpoint
CREATE INDEX "review_record_by_iro" ON "review_record" USING btree ("organisation_id","iro_staff_user_id","held_on");--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_conference_id_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."conference"("id") ON DELETE cascade ON UPDATE no action;