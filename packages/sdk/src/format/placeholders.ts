/** CUI wording for a value that should exist but is unknown or unreadable. */
export const NOT_KNOWN = 'Not known';

/** CUI wording for a value that was never recorded (a null date, for example). */
export const NOT_RECORDED = 'Not recorded';
