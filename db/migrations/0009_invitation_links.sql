CREATE INDEX "draft_by_invitation" ON "draft" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "submission_by_invitation" ON "submission" USING btree ("invitation_id");