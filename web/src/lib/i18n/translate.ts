import { defineMessages } from './defineMessages.js';
import { zhCN } from './zhCN.js';
import { en } from './en.js';

export { defaultLocale, isLocaleCode, type LocaleCode } from './localeCodes.js';
export { fillPlaceholders } from './defineMessages.js';

const messages = defineMessages(zhCN, en);

/** The message in `locale`, with `{name}` placeholders filled from `params`. */
export const translate = messages.text;

/** A key built at run time (e.g. a case status from the API) is checked before it is looked up. */
export const isMessageKey = messages.has;
