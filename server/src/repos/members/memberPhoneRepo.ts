import type { Sql } from '../../db/database.js';

/** A member as the phone-public mark needs them: where they serve and whether there is a phone to publish. */
export interface MemberPhoneMark {
  id: number;
  townCode: string;
  villageCode: string | null;
  hasPhone: boolean;
  phonePublic: boolean;
}

/** The member and their mark, the row locked until the caller's transaction ends; null when there is none. */
export async function lockMemberPhoneMark(sql: Sql, id: number): Promise<MemberPhoneMark | null> {
  const rows = await sql<MemberPhoneMark>`
    SELECT m.id, m.town_code AS "townCode", m.village_code AS "villageCode",
      p.phone IS NOT NULL AS "hasPhone", p.phone_public AS "phonePublic"
    FROM members m JOIN member_private p ON p.member_id = m.id
    WHERE m.id = ${id}
    FOR UPDATE OF p`;
  const row = rows[0];
  return row ? { ...row, id: Number(row.id) } : null;
}

export async function setMemberPhonePublic(sql: Sql, id: number, phonePublic: boolean): Promise<void> {
  await sql`UPDATE member_private SET phone_public = ${phonePublic} WHERE member_id = ${id}`;
}
