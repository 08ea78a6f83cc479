/**
 * Moved to contract/cases.ts (issue #17 "One contract"); re-exported here for the web's type-only
 * imports until they use `@contract/cases.js`. New code imports the contract.
 */
export { CaseCamera, CaseDetail, CasePatrol, CaseRecord, CaseStepRecord } from '../contract/cases.js';
