import { describe, expect, it } from 'vitest';
import { isClosedSocketWrite } from '../../server/src/db/postgresDriverGuard.js';

describe('isClosedSocketWrite', () => {
  const driverCrash = (): TypeError => {
    const error = new TypeError("Cannot read properties of null (reading 'write')");
    error.stack = `TypeError: ${error.message}\n    at Immediate.nextWrite (file:///srv/node_modules/postgres/src/connection.js:255:22)`;
    return error;
  };

  it('recognises the postgres.js write on a closed socket', () => {
    expect(isClosedSocketWrite(driverCrash())).toBe(true);
  });

  it('lets every other uncaught error end the process', () => {
    const elsewhere = new TypeError("Cannot read properties of null (reading 'write')");
    elsewhere.stack = `TypeError: ${elsewhere.message}\n    at nextWrite (file:///srv/server/src/live/liveHub.ts:10:1)`;
    expect(isClosedSocketWrite(elsewhere)).toBe(false);
    const other = driverCrash();
    other.message = "Cannot read properties of null (reading 'end')";
    expect(isClosedSocketWrite(other)).toBe(false);
    expect(isClosedSocketWrite(new RangeError("null (reading 'write')"))).toBe(false);
    expect(isClosedSocketWrite('a string')).toBe(false);
  });
});
