import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile as execFileCallback } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.js';
import type { Database, DatabaseKind } from '../../server/src/db/database.js';
import { backends } from '../support/testDatabases.js';
import { signedInInject } from '../support/signedInInject.js';
import { privateSeededDatabase } from '../support/privateSeededDatabase.js';

/**
 * Notice boards (一格一图, issue #16 part 4) read back the way a person would: the PDF's page size
 * and count by poppler's pdfinfo, its text by pdftotext, its first page rendered at 150 DPI by
 * pdftoppm and the QR code decoded by zbarimg. On a private copy of the seeded county per backend,
 * as one test publishes a phone.
 */

const execFile = promisify(execFileCallback);

const privateDatabase = (kind: DatabaseKind) => privateSeededDatabase(kind, 'boards');

interface PdfReading {
  pages: number;
  pageSize: string;
  text: string;
  /** The QR code on page 1, decoded. */
  qr: string;
}

let scratch: string;
let files = 0;

/** Reads a PDF with poppler and zbar, as the README says a printer's operator could. */
async function readPdf(pdf: Buffer): Promise<PdfReading> {
  const file = join(scratch, `board-${++files}.pdf`);
  await writeFile(file, pdf);
  const info = (await execFile('pdfinfo', [file])).stdout;
  const text = (await execFile('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 })).stdout;
  const image = join(scratch, `page-${files}`);
  await execFile('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', file, image]);
  const qr = (await execFile('zbarimg', ['--raw', '-q', `${image}.png`])).stdout.trim();
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    pageSize: /^Page size:\s+(.+?) pts/m.exec(info)?.[1] ?? '',
    text,
    qr,
  };
}

/** pdftotext keeps the characters of a line together; spaces between cells vary. */
const squeezed = (text: string) => text.replace(/\s+/g, '');

describe.each(backends)('%s', (kind) => {
  let database: Awaited<ReturnType<typeof privateDatabase>>;
  let db: Database;
  let app: FastifyInstance;
  let group: { code: string; name: string; village: string; villageName: string; town: string };
  const as = signedInInject('noticeBoard', () => app);

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'gridmap-board-test-'));
    database = await privateDatabase(kind);
    db = database.db;
    app = await buildApp({ db });
    // The group with the most streets that have a chief: its board names street chiefs too.
    const [row] = await db.sql<{ code: string; name: string; village: string; village_name: string }>`
      SELECT g.code, g.name, v.code AS village, v.name AS village_name
      FROM (SELECT group_code, count(*) AS n FROM streets WHERE chief_id IS NOT NULL GROUP BY group_code) AS s
      JOIN grids g ON g.code = s.group_code AND g.valid_to IS NULL
      JOIN grids v ON v.code = g.parent_code AND v.valid_to IS NULL
      ORDER BY s.n DESC, g.code LIMIT 1`;
    group = { code: row!.code, name: row!.name, village: row!.village, villageName: row!.village_name, town: '' };
    group.town = `${group.code.slice(0, 9)}000`;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  /** The people the group's board must name: its team, its village's cadre, its street chiefs. */
  const boardPeople = () => db.sql<{ member_id: number; name: string; phone: string | null }>`
    SELECT p.member_id, p.name, p.phone FROM member_private p
    WHERE p.member_id IN (
      SELECT member_id FROM grid_roles WHERE until IS NULL AND grid_code = ${group.code}
      UNION SELECT member_id FROM grid_roles WHERE until IS NULL AND grid_code = ${group.village} AND role = 'village_cadre'
      UNION SELECT chief_id FROM streets WHERE group_code = ${group.code} AND chief_id IS NOT NULL)
    ORDER BY p.member_id`;

  const boardOf = async (code: string, who = 'admin') => {
    const reply = await as.get(`/api/grids/${code}/board.pdf`, who);
    expect(reply.statusCode, reply.body.slice(0, 300)).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    return { reply, pdf: await readPdf(reply.rawPayload) };
  };

  describe('GET /api/grids/:code/board.pdf', () => {
    it("prints a group's board on one A3 portrait page naming the grid, its village and its people", async () => {
      const { reply, pdf } = await boardOf(group.code);
      expect(reply.headers['content-disposition']).toBe(`attachment; filename="${group.code}-board.pdf"`);
      expect(reply.headers['x-board-pages']).toBe('1');
      expect(pdf.pages).toBe(1);
      expect(pdf.pageSize).toBe('841.89 x 1190.55');
      const text = squeezed(pdf.text);
      expect(text).toContain(squeezed(`${group.villageName} ${group.name} 网格公示牌`));
      const people = await boardPeople();
      expect(people.length).toBeGreaterThan(3);
      for (const person of people) expect(text, person.name).toContain(person.name);
      const [households] = await db.sql<{ n: number }>`
        SELECT count(*)::int AS n FROM households WHERE group_code = ${group.code}`;
      expect(text).toContain(squeezed(`户数 ${households!.n} 户`));
      expect(text).toContain('服务电话未公开');
      expect(text).toContain('扫码查看本村网格');
    });

    it('encodes the absolute URL of the village’s public page in the QR code, and prints it beneath', async () => {
      const { pdf } = await boardOf(group.code);
      const url = `http://localhost:80/p/${group.village}`;
      expect(pdf.qr).toBe(url);
      expect(squeezed(pdf.text)).toContain(url);
    });

    it('leads the QR code to GRIDMAP_PUBLIC_URL when one is configured', async () => {
      const configured = await buildApp({ db, publicUrl: 'https://gridmap.example.cn/gaotai' });
      try {
        const signedIn = signedInInject('noticeBoard public URL', () => configured);
        const reply = await signedIn.get(`/api/grids/${group.code}/board.pdf`);
        expect(reply.statusCode, reply.body.slice(0, 300)).toBe(200);
        expect((await readPdf(reply.rawPayload)).qr).toBe(`https://gridmap.example.cn/gaotai/p/${group.village}`);
      } finally {
        await configured.close();
      }
    });

    it('prints no household name, no private phone and no ID number', async () => {
      const { pdf } = await boardOf(group.code);
      const text = squeezed(pdf.text);
      // Household heads whose names are nobody's on the board (nor part of any grid or street
      // name): their presence could only be a leak.
      const heads = await db.sql<{ head_name: string; phone: string | null; id_number: string | null }>`
        SELECT hp.head_name, hp.phone, hp.id_number
        FROM households h JOIN household_private hp ON hp.household_id = h.id
        WHERE h.group_code = ${group.code}
          AND NOT EXISTS (SELECT 1 FROM member_private p WHERE strpos(p.name, hp.head_name) > 0)
          AND NOT EXISTS (SELECT 1 FROM streets s WHERE strpos(s.name, hp.head_name) > 0)
          AND NOT EXISTS (SELECT 1 FROM grids g WHERE strpos(g.name, hp.head_name) > 0)
        ORDER BY h.id`;
      expect(heads.length).toBeGreaterThan(0);
      for (const head of heads) {
        expect(text).not.toContain(head.head_name);
        if (head.phone) expect(text).not.toContain(head.phone);
        if (head.id_number) expect(text).not.toContain(head.id_number);
      }
      const people = await boardPeople();
      for (const person of people) if (person.phone) expect(text).not.toContain(person.phone);
      expect(text).not.toMatch(/1[3-9]\d{9}/);
    });

    it('prints the phone of a person who published it, and only theirs', async () => {
      const [head] = await db.sql<{ member_id: number; phone: string }>`
        SELECT r.member_id, p.phone FROM grid_roles r JOIN member_private p ON p.member_id = r.member_id
        WHERE r.grid_code = ${group.code} AND r.until IS NULL AND p.phone IS NOT NULL
        ORDER BY r.id LIMIT 1`;
      expect(head).toBeDefined();
      await db.sql`UPDATE member_private SET phone_public = true WHERE member_id = ${head!.member_id}`;
      try {
        const text = squeezed((await boardOf(group.code)).pdf.text);
        expect(text).toContain(head!.phone);
        for (const person of await boardPeople()) {
          if (person.phone && person.member_id !== head!.member_id) expect(text).not.toContain(person.phone);
        }
        expect(text).toContain('服务电话未公开');
      } finally {
        await db.sql`UPDATE member_private SET phone_public = false WHERE member_id = ${head!.member_id}`;
      }
    });

    it("prints a village's cover and then a page per group, the cover's QR code leading to the village", async () => {
      const groups = await db.sql<{ name: string }>`
        SELECT name FROM grids WHERE parent_code = ${group.village} AND valid_to IS NULL ORDER BY code`;
      const { reply, pdf } = await boardOf(group.village);
      expect(pdf.pages).toBe(1 + groups.length);
      expect(reply.headers['x-board-pages']).toBe(String(1 + groups.length));
      expect(pdf.pageSize).toBe('841.89 x 1190.55');
      expect(pdf.qr).toBe(`http://localhost:80/p/${group.village}`);
      const text = squeezed(pdf.text);
      expect(text).toContain(squeezed(`${group.villageName} 网格公示牌（总览）`));
      for (const { name } of groups) expect(text).toContain(squeezed(`${group.villageName} ${name} 网格公示牌`));
    });

    it('records each print in the audit trail', async () => {
      const count = async () =>
        (
          await db.sql<{ n: number }>`
            SELECT count(*)::int AS n FROM audit_log
            WHERE action = 'notice_board.print' AND entity_key = ${group.code} AND actor_username = 'admin'`
        )[0]!.n;
      const before = await count();
      await boardOf(group.code);
      expect(await count()).toBe(before + 1);
    });

    it('serves the roles whose scope covers the grid, and 404 to the others as for a grid that does not exist', async () => {
      const [otherTown] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL AND code <> ${group.town} ORDER BY code LIMIT 1`;
      const [sibling] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE parent_code = ${group.village} AND code <> ${group.code} AND valid_to IS NULL
        ORDER BY code LIMIT 1`;
      const [staff] = await db.sql<{ username: string; scope_code: string }>`
        SELECT username, scope_code FROM accounts WHERE role = 'grid_staff' AND scope_code LIKE ${`${group.village}%`}`;
      expect((await boardOf(group.code, `town-${group.town}`)).pdf.pages).toBe(1);
      expect((await boardOf(group.code, `village-${group.village}`)).pdf.pages).toBe(1);
      expect((await boardOf(group.code, 'wall')).pdf.pages).toBe(1);
      const refused = [
        [`town-${otherTown!.code}`, group.code],
        [`village-${group.village}`, group.town],
        [staff!.username, staff!.scope_code === group.code ? sibling!.code : group.code],
        [staff!.username, group.village],
      ] as const;
      for (const [who, code] of refused) {
        const reply = await as.get(`/api/grids/${code}/board.pdf`, who);
        expect(reply.statusCode, `${who} ${code}`).toBe(404);
        expect(reply.json()).toEqual({ error: 'Not Found', message: `no grid with code ${code}` });
      }
      const own = await as.get(`/api/grids/${staff!.scope_code}/board.pdf`, staff!.username);
      expect(own.statusCode).toBe(200);
    });

    it('answers 404 for codes of no grid, 400 for malformed codes and for a county, 401 signed out', async () => {
      const [unused] = await db.sql<{ code: string }>`
        SELECT (max(code)::bigint + 1)::text AS code FROM grids WHERE parent_code = ${group.town} AND valid_to IS NULL`;
      for (const code of [unused!.code, `${group.village}999`]) {
        const reply = await as.get(`/api/grids/${code}/board.pdf`);
        expect(reply.statusCode, code).toBe(404);
        expect(reply.json().message).toBe(`no grid with code ${code}`);
      }
      for (const code of ['abc', '6207241052', `${group.code}1`, '62072410520x']) {
        const reply = await as.get(`/api/grids/${code}/board.pdf`);
        expect(reply.statusCode, code).toBe(400);
        expect(reply.json().message).toMatch(/params parameter "code"/);
      }
      const county = await as.get('/api/grids/620724000000/board.pdf');
      expect(county.statusCode).toBe(400);
      expect(county.json().message).toMatch(/town, a village or a group, not a county/);
      expect((await as.get(`/api/grids/${group.code}/board.pdf`, null)).statusCode).toBe(401);
      // No HEAD: it would draw the boards and record a print for nothing.
      expect((await as.inject({ method: 'HEAD', url: `/api/grids/${group.code}/board.pdf` })).statusCode).toBe(404);
    });
  });

  describe('POST /api/grids/:code/boards and GET /api/board-jobs/:id', () => {
    it("renders a town's boards in the background, counting pages up to the total, then serves the PDF", async () => {
      const [{ pages } = { pages: 0 }] = await db.sql<{ pages: number }>`
        SELECT count(*)::int AS pages FROM grids
        WHERE valid_to IS NULL AND level IN ('village', 'group') AND code LIKE ${`${group.town.slice(0, 9)}%`}`;
      const started = await as.inject({ method: 'POST', url: `/api/grids/${group.town}/boards` });
      expect(started.statusCode, started.body).toBe(202);
      const job = started.json<{ id: string; state: string; done: number; total: number; pdf: string | null }>();
      expect(job).toMatchObject({ code: group.town, state: 'running', total: pages, pdf: null });
      // Poll, yielding to the event loop between polls (the render runs in this process).
      let status = job;
      const seen: number[] = [];
      while (status.state === 'running') {
        await new Promise((resolve) => setImmediate(resolve));
        const reply = await as.get(`/api/board-jobs/${job.id}`);
        expect(reply.statusCode).toBe(200);
        status = reply.json();
        seen.push(status.done);
      }
      expect(status).toMatchObject({
        state: 'finished',
        done: pages,
        total: pages,
        pdf: `/api/board-jobs/${job.id}/board.pdf`,
      });
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      // Another account learns nothing of the job.
      expect((await as.get(`/api/board-jobs/${job.id}`, `town-${group.town}`)).statusCode).toBe(404);
      expect((await as.get(status.pdf!, `town-${group.town}`)).statusCode).toBe(404);
      const download = await as.get(status.pdf!);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      const pdf = await readPdf(download.rawPayload);
      expect(pdf.pages).toBe(pages);
      expect(pdf.pageSize).toBe('841.89 x 1190.55');
      expect(squeezed(pdf.text)).toContain(squeezed(`${group.villageName} ${group.name} 网格公示牌`));
    });

    it('refuses a job outside the scope (404), a county (400), a malformed or unknown job id (400, 404)', async () => {
      const [otherTown] = await db.sql<{ code: string }>`
        SELECT code FROM grids WHERE level = 'town' AND valid_to IS NULL AND code <> ${group.town} ORDER BY code LIMIT 1`;
      const outside = await as.inject(
        { method: 'POST', url: `/api/grids/${otherTown!.code}/boards` },
        `town-${group.town}`,
      );
      expect(outside.statusCode).toBe(404);
      const county = await as.inject({ method: 'POST', url: '/api/grids/620724000000/boards' });
      expect(county.statusCode).toBe(400);
      expect((await as.get('/api/board-jobs/not-a-job')).statusCode).toBe(400);
      const unknown = await as.get('/api/board-jobs/00000000-0000-4000-8000-000000000000');
      expect(unknown.statusCode).toBe(404);
      expect((await as.get('/api/board-jobs/00000000-0000-4000-8000-000000000000/board.pdf')).statusCode).toBe(404);
    });
  });
});
