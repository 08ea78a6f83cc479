-- 投诉建议 from residents (issues #14 part 6, #16 part 5): the village's public page (一村一码)
-- takes complaints and suggestions without an account. Such a message has no sender; `channel`
-- says where it came from, and only the public page sends without one.
ALTER TABLE feedback ALTER COLUMN sender_id DROP NOT NULL;
ALTER TABLE feedback ADD COLUMN channel text NOT NULL DEFAULT 'staff' CHECK (channel IN ('staff', 'public'));
ALTER TABLE feedback ADD CONSTRAINT feedback_public_has_no_sender CHECK ((channel = 'public') = (sender_id IS NULL));
