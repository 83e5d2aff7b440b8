/**
 * Unicode's bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and marks (U+200E, U+200F, U+061C): invisible, but an
 * override turns the characters after it round on screen (`0.51` shown as
 * `15.0`) and runs on into the next value on the line, and a right-to-left
 * mark at the end of a name swaps the numbers after it (`\u200F 12 34` shows
 * `34 12`). Right-to-left text needs none of them to show as written.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Free text with its bidirectional controls left out, every other character kept. */
export const withoutBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** Free text for display on one line: bidirectional controls left out, trimmed, runs of white space made one space. */
export const displayText = (text: string): string => withoutBidiControls(text).trim().replace(/\s+/g, ' ');
