DROP INDEX "submission_inbox";--> statement-breakpoint
CREATE INDEX "representation_open" ON "representation" USING btree ("organisation_id","received_on") WHERE closed_on is null;--> statement-breakpoint
CREATE INDEX "representation_closed" ON "representation" USING btree ("organisation_id","closed_on","id") WHERE closed_on is not null;--> statement-breakpoint
CREATE INDEX "submission_inbox" ON "submission" USING btree ("organisation_id","queue","recipient_staff_user_id","urgent" DESC NULLS FIRST,("first_read_at" is null) desc,"submitted_at" DESC NULLS FIRST,"reference");