-- 一村一码 (#16 part 5): a member's phone appears on the village's public page and notice board
-- only when a county administrator has marked it public. The mark sits beside the phone it
-- publishes (member_private), so it goes wherever the phone goes and a read that never touches
-- member_private can never publish anything. It is the member's own phone, not a separate office
-- number: the boards show the grid head's and street chief's mobile, and a village committee's
-- office line belongs to the village, not to a member. Default false: nothing already stored
-- becomes public by this migration.
ALTER TABLE member_private ADD COLUMN phone_public boolean NOT NULL DEFAULT false;
-- A public mark with no phone to publish is a mistake, not a state.
ALTER TABLE member_private ADD CONSTRAINT member_private_public_phone_present
  CHECK (NOT phone_public OR phone IS NOT NULL);
