import type { Sql } from '../../db/database.js';
import type { HouseholdContactReply, MemberContactReply } from '../../contract/contacts.js';

/** A household's personal fields, unmasked: only for routes/contact.ts, which checks and audits. */
export type HouseholdContact = HouseholdContactReply;

export async function householdContact(sql: Sql, id: number): Promise<HouseholdContact | null> {
  const rows = await sql<HouseholdContact>`
    SELECT h.id, h.house_no AS "houseNo", h.group_code AS "groupCode", p.head_name AS "headName",
           p.phone, p.id_number AS "idNumber"
    FROM households h JOIN household_private p ON p.household_id = h.id
    WHERE h.id = ${id}`;
  return rows[0] ?? null;
}

/** A member's (cadre, party member, grid staff) name and phone, unmasked, with the grids they answer for. */
export interface MemberContact extends MemberContactReply {
  /** The member's village (or town) and every grid of a current post: what decides who may see them. */
  gridCodes: string[];
}

export async function memberContact(sql: Sql, id: number): Promise<MemberContact | null> {
  const rows = await sql<MemberContact>`
    SELECT m.id, p.name, p.phone,
      array_remove(array_cat(ARRAY[coalesce(m.village_code, m.town_code)],
        coalesce((SELECT array_agg(r.grid_code) FROM grid_roles r WHERE r.member_id = m.id AND r.until IS NULL),
                 ARRAY[]::text[])), NULL) AS "gridCodes"
    FROM members m JOIN member_private p ON p.member_id = m.id
    WHERE m.id = ${id}`;
  return rows[0] ?? null;
}
