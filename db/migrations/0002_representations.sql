CREATE TABLE "advocacy_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"submission_id" uuid,
	"representation_id" uuid,
	"child_name" text NOT NULL,
	"contact_way" text NOT NULL,
	"contact_time" text,
	"issue" text NOT NULL,
	"outcome_wanted" text,
	"language" text NOT NULL,
	"interpreter_language" text,
	"communication_needs" text,
	"consent" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"contact_due_on" date NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"first_contact_on" date,
	"first_contact_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "advocacy_referral_submission_id_unique" UNIQUE("submission_id")
);
--> statement-breakpoint
CREATE TABLE "all_users_figure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"start_year" integer NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "one_figure_per_year" UNIQUE("organisation_id","start_year","key")
);
--> statement-breakpoint
CREATE TABLE "representation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"tracking_secret_hash" text,
	"source" text NOT NULL,
	"submission_id" uuid,
	"received_on" date NOT NULL,
	"kind" text NOT NULL,
	"procedure" text,
	"category" text,
	"service_area" text,
	"named_worker" text,
	"made_by" text NOT NULL,
	"relationship" text,
	"contact_method" text NOT NULL,
	"sender_name" text,
	"child_name" text,
	"summary" text,
	"language" text DEFAULT 'en' NOT NULL,
	"reply_method" text,
	"reply_to" text,
	"looked_after_child" boolean DEFAULT false NOT NULL,
	"iro_staff_user_id" uuid,
	"ethnicity" text DEFAULT 'not-stated' NOT NULL,
	"disability" text DEFAULT 'not-stated' NOT NULL,
	"advocacy_offered" boolean DEFAULT false NOT NULL,
	"advocacy_taken" boolean DEFAULT false NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"urgent_matches" text[] DEFAULT '{}'::text[] NOT NULL,
	"confirmed_at" timestamp with time zone,
	"acknowledged_on" date,
	"stage" smallint DEFAULT 1 NOT NULL,
	"responder_staff_user_id" uuid,
	"responder_team_id" uuid,
	"compliment_staff_user_id" uuid,
	"compliment_team_id" uuid,
	"ombudsman_on" date,
	"outcome" text,
	"closed_on" date,
	"notified" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "representation_submission_id_unique" UNIQUE("submission_id")
);
--> statement-breakpoint
CREATE TABLE "representation_stage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"representation_id" uuid NOT NULL,
	"stage" smallint NOT NULL,
	"started_on" date NOT NULL,
	"due_on" date NOT NULL,
	"extension_reason" text,
	"extension_agreed_on" date,
	"responded_on" date,
	"responded_in_time" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_row_per_stage" UNIQUE("representation_id","stage")
);
--> statement-breakpoint
CREATE TABLE "satisfaction_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"representation_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"felt_listened" text,
	"satisfied" text,
	"do_better" text,
	CONSTRAINT "satisfaction_response_representation_id_unique" UNIQUE("representation_id"),
	CONSTRAINT "satisfaction_response_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD CONSTRAINT "advocacy_referral_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD CONSTRAINT "advocacy_referral_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD CONSTRAINT "advocacy_referral_representation_id_representation_id_fk" FOREIGN KEY ("representation_id") REFERENCES "public"."representation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_referral" ADD CONSTRAINT "advocacy_referral_accepted_by_staff_user_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "all_users_figure" ADD CONSTRAINT "all_users_figure_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_submission_id_submission_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submission"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_iro_staff_user_id_staff_user_id_fk" FOREIGN KEY ("iro_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_responder_staff_user_id_staff_user_id_fk" FOREIGN KEY ("responder_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_responder_team_id_team_id_fk" FOREIGN KEY ("responder_team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_compliment_staff_user_id_staff_user_id_fk" FOREIGN KEY ("compliment_staff_user_id") REFERENCES "public"."staff_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation" ADD CONSTRAINT "representation_compliment_team_id_team_id_fk" FOREIGN KEY ("compliment_team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation_stage" ADD CONSTRAINT "representation_stage_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "representation_stage" ADD CONSTRAINT "representation_stage_representation_id_representation_id_fk" FOREIGN KEY ("representation_id") REFERENCES "public"."representation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_response" ADD CONSTRAINT "satisfaction_response_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_response" ADD CONSTRAINT "satisfaction_response_representation_id_representation_id_fk" FOREIGN KEY ("representation_id") REFERENCES "public"."representation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advocacy_reference_per_organisation" ON "advocacy_referral" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE INDEX "advocacy_by_received" ON "advocacy_referral" USING btree ("organisation_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "representation_reference_per_organisation" ON "representation" USING btree ("organisation_id","reference");--> statement-breakpoint
CREATE INDEX "representation_received" ON "representation" USING btree ("organisation_id","received_on");