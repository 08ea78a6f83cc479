import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile as execFileCallback } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../../server/src/app.js';
import type { CaseRecord } from '../../server/src/contract/cases.js';
import { CaseReportReply, PublicCaseProgress } from '../../server/src/contract/caseQr.js';
import { demoPassword } from '../../server/src/seed/demoAccounts.js';
import { backends, testDatabase } from '../support/testDatabases.js';
import { seededApp } from '../support/seededApp.js';
import { signedInInject } from '../support/signedInInject.js';
import { privateAccount } from '../support/privateAccount.js';
import { replySchemaErrors } from '../support/replySchema.js';

/**
 * 一案一码 (issue #14 part 5): a case's QR code read back as a phone would — the SVG drawn by
 * Chromium, the picture decoded by zbarimg — the scope rule of the QR route, the check code given
 * to the reporter once, and the public progress page (status and dates only, one 404 for an
 * unknown serial and a wrong code, rate-limited).
 */

const execFile = promisify(execFileCallback);
let browser: Browser;
let scratch: string;
let pictures = 0;

/** The text of the QR code in an SVG: Chromium draws it to PNG, zbarimg reads it. */
async function decodeSvg(svg: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 400, height: 400 } });
  try {
    await page.setContent(`<body style="margin:0;background:#fff">${svg}</body>`);
    const file = join(scratch, `qr-${++pictures}.png`);
    await writeFile(file, await page.locator('svg').screenshot());
    return (await execFile('zbarimg', ['--raw', '-q', file])).stdout.trim();
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'gridmap-case-qr-'));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await rm(scratch, { recursive: true, force: true });
});

describe.each(backends)('%s', (kind) => {
  const seeded = seededApp(kind);
  let reported: CaseReportReply;
  /** Grid staff of another group than the case's: its scope does not cover the case. */
  let outsider: string;

  beforeAll(async () => {
    const groups = await seeded.db.sql<{ code: string; lon: number; lat: number }>`
      SELECT g.code, ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
      FROM grids g WHERE g.level = 'group' AND g.valid_to IS NULL ORDER BY g.code DESC OFFSET 7 LIMIT 2`;
    const [here, other] = groups;
    const res = await seeded.inject({
      method: 'POST',
      url: '/api/cases',
      payload: { lon: here!.lon, lat: here!.lat, category: 'environment', summary: '渠边垃圾堆积，气味很大' },
    });
    expect(res.statusCode, res.body).toBe(201);
    reported = res.json<CaseReportReply>();
    outsider = (await privateAccount(seeded.db, 'grid_staff', other!.code, demoPassword)).username;
  });

  const progress = (serial: string, code: string, remoteAddress = '198.51.100.20') =>
    seeded.app.inject({
      method: 'GET',
      url: `/api/public/cases/${serial}?code=${encodeURIComponent(code)}`,
      remoteAddress,
    });

  describe('POST /api/cases → checkCode', () => {
    it('gives the reporter the case’s check code in the 201 reply, as stored', async () => {
      expect(replySchemaErrors(CaseReportReply, reported)).toEqual([]);
      const [row] = await seeded.db.sql<{ check_code: string }>`
        SELECT check_code FROM cases WHERE serial = ${reported.serial}`;
      expect(reported.checkCode).toBe(row!.check_code);
    });

    it('says it nowhere else: not in the case detail, the list nor the CSV', async () => {
      const detail = await seeded.get(`/api/cases/${reported.serial}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).not.toContain(reported.checkCode);
      expect(detail.json()).not.toHaveProperty('checkCode');
      const list = await seeded.get(`/api/cases?grid=${reported.groupCode}&status=all`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(reported.serial);
      expect(list.body).not.toContain(reported.checkCode);
      const csv = await seeded.get(`/api/cases.csv?grid=${reported.groupCode}&status=all`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(reported.serial);
      expect(csv.body).not.toContain(reported.checkCode);
    });

    it('back-filled every case of the seed with a code of the alphabet (migration 016)', async () => {
      const [counts] = await seeded.db.sql<{ cases: number; coded: number; distinct_codes: number }>`
        SELECT count(*)::int AS cases,
               count(*) FILTER (WHERE check_code ~ '^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$')::int AS coded,
               count(DISTINCT check_code)::int AS distinct_codes
        FROM cases`;
      expect(counts!.coded).toBe(counts!.cases);
      // Random per row, not one code for all (31⁶ codes: a few collisions at most).
      expect(counts!.distinct_codes).toBeGreaterThan(counts!.cases * 0.99);
    });
  });

  describe('GET /api/cases/:serial/qr.svg', () => {
    it('is an SVG whose QR code holds the absolute link to the case, cached privately', async () => {
      const reply = await seeded.get(`/api/cases/${reported.serial}/qr.svg`);
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(reply.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
      expect(await decodeSvg(reply.body)).toBe(`http://localhost:80/c/${reported.serial}`);
    });

    it('leads to GRIDMAP_PUBLIC_URL when one is configured', async () => {
      const configured = await buildApp({ db: seeded.db, publicUrl: 'https://gridmap.example.cn/gaotai' });
      try {
        const reply = await signedInInject('caseQr public URL', () => configured).get(
          `/api/cases/${reported.serial}/qr.svg`,
        );
        expect(reply.statusCode, reply.body).toBe(200);
        expect(await decodeSvg(reply.body)).toBe(`https://gridmap.example.cn/gaotai/c/${reported.serial}`);
      } finally {
        await configured.close();
      }
    });

    it('answers 404 outside the viewer’s scope exactly as for a serial of no case', async () => {
      const outside = await seeded.get(`/api/cases/${reported.serial}/qr.svg`, outsider);
      expect(outside.statusCode).toBe(404);
      expect((await seeded.get(`/api/cases/${reported.serial}`, outsider)).statusCode).toBe(404);
      const unknown = await seeded.get(`/api/cases/${reported.serial.slice(0, 14)}99999/qr.svg`);
      expect(unknown.statusCode).toBe(404);
      expect(outside.json().error).toBe(unknown.json().error);
    });

    it.each([
      ['18 digits', '620724202603140004'],
      ['letters', 'abcdefghijklmnopqrs'],
      ['SQL', "1' OR '1'='1"],
    ])('answers 400 for a serial of %s', async (_, serial) => {
      const reply = await seeded.get(`/api/cases/${encodeURIComponent(serial)}/qr.svg`);
      expect(reply.statusCode).toBe(400);
      expect(reply.json().message).toMatch(/serial/);
    });

    it('answers 401 without a session', async () => {
      expect((await seeded.get(`/api/cases/${reported.serial}/qr.svg`, null)).statusCode).toBe(401);
    });
  });

  describe('GET /api/public/cases/:serial', () => {
    it('shows the reporter status and dates only, without a session', async () => {
      const reply = await progress(reported.serial, reported.checkCode.toLowerCase());
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.headers['cache-control']).toBe('no-store');
      const body = reply.json<PublicCaseProgress>();
      expect(replySchemaErrors(PublicCaseProgress, body)).toEqual([]);
      expect(Object.keys(body).sort()).toEqual(
        ['closedAt', 'deadline', 'level', 'reportedAt', 'serial', 'status', 'steps'].sort(),
      );
      expect(body).toMatchObject({
        serial: reported.serial,
        status: reported.status,
        level: reported.level,
        reportedAt: reported.reportedAt,
        deadline: reported.stageDueAt,
        closedAt: null,
      });
      expect(body.steps.map((step) => step.type)).toEqual(['register']);
      expect(body.steps.every((step) => Object.keys(step).sort().join() === 'at,type')).toBe(true);
      for (const hidden of [reported.summary, reported.groupCode, String(reported.lon), reported.category, 'summary']) {
        expect(reply.body).not.toContain(hidden);
      }
    });

    it('follows the case: a step taken shows with its time', async () => {
      const step = await seeded.inject({
        method: 'POST',
        url: `/api/cases/${reported.serial}/actions`,
        payload: { action: 'accept', note: '已联系村委会' },
      });
      expect(step.statusCode, step.body).toBe(200);
      const body = (await progress(reported.serial, reported.checkCode)).json<PublicCaseProgress>();
      expect(body.status).toBe(step.json<CaseRecord>().status);
      expect(body.steps.map((entry) => entry.type)).toEqual(['register', 'accept']);
      expect(JSON.stringify(body)).not.toContain('已联系村委会');
    });

    it('answers a wrong code exactly as an unknown serial: the same 404', async () => {
      const wrongCode = reported.checkCode === '222222' ? '333333' : '222222';
      const wrong = await progress(reported.serial, wrongCode);
      const unknown = await progress(`${reported.serial.slice(0, 14)}99999`, reported.checkCode);
      expect(wrong.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(wrong.body).toBe(unknown.body);
      expect(wrong.body).not.toContain(reported.serial);
    });

    it.each([
      ['no code', (serial: string) => `/api/public/cases/${serial}`],
      ['a 5-character code', (serial: string) => `/api/public/cases/${serial}?code=ABCDE`],
      [
        'a code with punctuation',
        (serial: string) => `/api/public/cases/${serial}?code=${encodeURIComponent("AB'CDE")}`,
      ],
      ['a malformed serial', () => '/api/public/cases/12345?code=ABCDEF'],
    ])('answers 400 for %s', async (_, url) => {
      const reply = await seeded.get(url(reported.serial), null);
      expect(reply.statusCode).toBe(400);
      expect(reply.json().message).toMatch(/code|serial/);
    });

    it('answers 429 once an address has asked too often, and other addresses still get the page', async () => {
      const limited = await buildApp({
        db: await testDatabase(kind),
        publicRateLimit: { max: 3, timeWindowMs: 60_000 },
      });
      try {
        const ask = (remoteAddress: string, code = reported.checkCode) =>
          limited.inject({ method: 'GET', url: `/api/public/cases/${reported.serial}?code=${code}`, remoteAddress });
        // Wrong guesses count as much as right ones.
        expect((await ask('203.0.113.9', 'ZZZZZZ')).statusCode).not.toBe(200);
        for (let n = 0; n < 2; n++) expect((await ask('203.0.113.9')).statusCode).toBe(200);
        const refused = await ask('203.0.113.9');
        expect(refused.statusCode).toBe(429);
        expect(refused.json().message).toMatch(/too many requests.*try again/);
        expect((await ask('203.0.113.10')).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
});
