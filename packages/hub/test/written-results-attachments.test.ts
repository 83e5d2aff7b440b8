/**
 * Reviewer R18, findings 1 and 3: free text where a sensitive result or a
 * disclosure is written was never read.
 *
 * 1. A document whose attachment is text (text/plain, text/html) sent as data
 *    — "Disclosed domestic abuse by partner. MARAC referral made", or
 *    "chlamydia … HIV PrEP" — reached the carer, a GP and a hospital nurse;
 *    the same words as the attachment's title were withheld.
 * 3. "Chlamydia trachomatis detected" as an observation's `valueString`, a
 *    component's, or a report's `conclusion` reached the carer and a GP; the
 *    same words coded (`valueCodeableConcept`) were withheld.
 *
 * Now the content reader reads a result written as words and the text of
 * every attachment it can read (`attachmentText`: text, HTML, JSON or XML
 * sent as base64 data, decoded, its first megabyte), by the same word rules
 * as a title (SEX) and as any string (SDV). An attachment it cannot read — a
 * PDF, an image, one sent by URL only — is not read: its document is told by
 * everything else it says, as docs/access-policy.md (R11) and the hazard log
 * (H18-22) say, rather than every PDF letter being withheld from every GP.
 *
 * The class: every written-result form × each set of words × three readers,
 * withheld exactly as the same item labelled (`answeredAsTwins`), read and
 * searched; neutral words and unreadable attachments answered as the plain item.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultVisibility, sourceOf, type Visibility } from '../src/policy/visibility.js';
import { ATTACHMENT_READ_LIMIT } from '../src/policy/sensitive-content.js';
import { aboutPatient, exampleOf, OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { startTestHub } from './support/test-hub.js';
import { signInCallers } from './support/callers.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins, type TwinCase } from './support/twin-answers.js';

type Json = Record<string, unknown>;

const PATIENT = 'pat-1';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const ABUSE = 'Disclosed domestic abuse by partner. MARAC referral made';
const CHLAMYDIA = 'Chlamydia trachomatis detected';
const PREP = 'Seen today; HIV PrEP started';

/** Each set of words, and the label an item saying it is to be answered as. */
const WORDS: { name: string; text: string; label: string | undefined }[] = [
  { name: 'domestic abuse', text: ABUSE, label: 'SDV' },
  { name: 'a chlamydia result', text: CHLAMYDIA, label: 'SEX' },
  { name: 'HIV PrEP', text: PREP, label: 'SEX' },
  { name: 'an ordinary result', text: 'Haemoglobin within normal range', label: undefined },
];

const plain = (type: string, id: string): Json => {
  const item: Json = { ...recordItem(type, id, PATIENT), meta: { source: OTHER_SOURCE } };
  delete item['text'];
  return item;
};

const document = (id: string, attachment: Json): Json => ({ ...plain('DocumentReference', id), content: [{ attachment }] });

/** Every form a result or a letter is written in as words, and whether the hub reads it (else: the plain item's answer). */
const FORMS: { name: string; read: boolean; item: (id: string, text: string) => Json }[] = [
  { name: 'an observation’s valueString', read: true, item: (id, text) => ({ ...plain('Observation', id), valueString: text }) },
  {
    name: 'a component’s valueString',
    read: true,
    item: (id, text) => ({ ...plain('Observation', id), component: [{ code: { text: 'Result' }, valueString: text }] }),
  },
  { name: 'a report’s conclusion', read: true, item: (id, text) => ({ ...plain('DiagnosticReport', id), conclusion: text }) },
  {
    name: 'a contained observation’s valueString',
    read: true,
    item: (id, text) => ({
      ...plain('DiagnosticReport', id),
      contained: [{ resourceType: 'Observation', id: 'r', status: 'final', code: { text: 'Result' }, valueString: text }],
      result: [{ reference: '#r' }],
    }),
  },
  { name: 'a text/plain attachment', read: true, item: (id, text) => document(id, { contentType: 'text/plain', data: base64(text) }) },
  {
    name: 'a text/plain attachment in a charset, its base64 wrapped',
    read: true,
    item: (id, text) =>
      document(id, { contentType: 'text/plain; charset=UTF-8', data: base64(`Letter\r\n\r\n${text}`).replace(/(.{20})/g, '$1\r\n') }),
  },
  {
    name: 'a text/html attachment',
    read: true,
    item: (id, text) => document(id, { contentType: 'text/html', data: base64(`<p>${text.split(' ').join('&nbsp;<b></b>')}</p>`) }),
  },
  {
    name: 'a report’s presented form as text',
    read: true,
    item: (id, text) => ({ ...plain('DiagnosticReport', id), presentedForm: [{ contentType: 'text/plain', data: base64(text) }] }),
  },
  {
    name: 'an observation’s valueAttachment as text',
    read: true,
    item: (id, text) => ({ ...plain('Observation', id), valueAttachment: { contentType: 'text/plain', data: base64(text) } }),
  },
  {
    name: 'a PDF attachment (not read)',
    read: false,
    item: (id, text) => document(id, { contentType: 'application/pdf', data: base64(`%PDF-1.4 ${text}`) }),
  },
  {
    name: 'an attachment by URL only (not read)',
    read: false,
    item: (id) => document(id, { contentType: 'text/plain', url: 'https://letters.example/letter/1' }),
  },
  {
    name: 'words past the read limit (not read)',
    read: false,
    item: (id, text) => document(id, { contentType: 'text/plain', data: base64(`${' '.repeat(ATTACHMENT_READ_LIMIT)}${text}`) }),
  },
];

const READERS: Record<string, Visibility> = {
  'a carer': defaultVisibility({ kind: 'carer' }),
  'another organisation’s GP': defaultVisibility({ kind: 'professional', odsCode: 'F83999' }),
  'the organisation that recorded it': defaultVisibility({ kind: 'professional', odsCode: 'RX999' }),
};

test('the reported cases: a text attachment, a valueString and a conclusion are withheld from the carer, GP and nurse', async () => {
  const P = 'pat-000003';
  const about = (type: string, id: string, change: (item: Json) => Json): Json => {
    const item = aboutPatient({ ...exampleOf(type), id, meta: { source: OTHER_SOURCE } }, P);
    delete item['text'];
    return change(item);
  };
  const items = [
    about('DocumentReference', 'abuse-letter', (item) => ({
      ...item,
      content: [{ attachment: { contentType: 'text/plain', data: base64(ABUSE) } }],
    })),
    about('DocumentReference', 'sh-letter', (item) => ({
      ...item,
      content: [{ attachment: { contentType: 'text/html', data: base64('<p>Treated for chlamydia; HIV PrEP started</p>') } }],
    })),
    about('Observation', 'chl-string', (item) => ({ ...item, valueString: CHLAMYDIA })),
    about('Observation', 'chl-component', (item) => ({ ...item, component: [{ code: { text: 'CT NAAT' }, valueString: CHLAMYDIA }] })),
    about('DiagnosticReport', 'chl-conclusion', (item) => ({ ...item, conclusion: CHLAMYDIA })),
  ];
  const hub = await startTestHub({
    beforeListen: async ({ store }) => {
      for (const item of items) await store.put(item);
    },
  });
  try {
    const tokens = await signInCallers(hub, P);
    const shown: string[] = [];
    for (const who of ['carer', 'gp', 'hospital-nurse'])
      for (const item of items) {
        const answer = await hub.call(tokens[who], `/${String(item['resourceType'])}/${String(item['id'])}`);
        if (answer.status !== 404) shown.push(`${who} ${String(item['id'])}: ${answer.status}`);
      }
    assert.deepEqual(shown, []);
  } finally {
    await hub.close();
  }
});

test('every written form × words × reader: answered as the same item labelled, or plain where not read', async () => {
  const store = await openTestStore();
  const twins: TwinCase[] = [];
  for (const form of FORMS)
    for (const words of WORDS) {
      const id = `w-${twins.length}`;
      const item = form.item(id, words.text);
      await store.put(item);
      const type = String(item['resourceType']);
      const label = form.read ? words.label : undefined;
      twins.push({
        name: `${words.name} in ${form.name}`,
        item,
        twin: label === undefined ? plain(type, id) : recordItem(type, id, PATIENT, [label]),
      });
    }
  const { wrong, answers, compared } = await answeredAsTwins(store, READERS, twins, PATIENT);
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
  assert.equal(sourceOf('RX999'), OTHER_SOURCE, 'the recording organisation is the items’ source');
});
