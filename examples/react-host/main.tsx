/**
 * A React host: a hospital ward's board (React 19) with the care record
 * embedded. React 19 sets an element's properties when it has them (`client`,
 * a hub client object, reaches the provider as a property) and listens to
 * custom events named after `on` (`oncare-select`). The ward nurse signs in
 * with SMART (a standalone launch here); tokens stay in memory.
 */
import { StrictMode, useEffect, useState, type DetailedHTMLProps, type HTMLAttributes } from 'react';
import { createRoot } from 'react-dom/client';
import {
  beginSmartLaunch,
  completeSmartLaunch,
  createHubClient,
  formatClinicalName,
  readSignedInUser,
  selectOfficialName,
  type HubClient,
  type Patient,
  type SmartSession,
} from '@care-record/sdk';
// The elements this screen shows, and only those.
import '@care-record/components/provider/define.js';
import '@care-record/components/patient-banner/define.js';
import '@care-record/components/record-summary/define.js';
import '@care-record/components/medication-list/define.js';
import '@care-record/components/timeline/define.js';
import type { CareRecordProvider, CareSelectDetail } from '@care-record/components';

/** The custom elements as JSX knows them: their properties and attributes, and `care-select`. */
type CareElementProps<Element> = DetailedHTMLProps<HTMLAttributes<Element>, Element> & {
  'oncare-select'?: (event: CustomEvent<CareSelectDetail>) => void;
};
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'care-record-provider': CareElementProps<CareRecordProvider> & {
        client?: HubClient | undefined;
        patient?: string | undefined;
        audience?: 'clinician' | 'resident';
      };
      'care-patient-banner': CareElementProps<HTMLElement>;
      'care-record-summary': CareElementProps<HTMLElement> & { 'heading-level'?: string };
      'care-medication-list': CareElementProps<HTMLElement>;
      'care-timeline': CareElementProps<HTMLElement>;
    }
  }
}

const iss = `${location.origin}/fhir`;
const redirectUri = `${location.origin}/demo/react/`;
/** Today's wards and beds: the ward system's own feed (it knows who is in which bed without the care record). */
interface WardBoard {
  hospital: string;
  wards: { name: string; beds: { bed: string; patientId: string }[] }[];
}

async function readWardBoard(): Promise<WardBoard> {
  const response = await fetch(`${redirectUri}ward.json`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the ward system answered ${response.status}`);
  return (await response.json()) as WardBoard;
}

async function signIn(): Promise<{ hub: HubClient; session: SmartSession } | undefined> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) {
    location.assign(await beginSmartLaunch({ iss, clientId: 'ward-board-react-demo', redirectUri, scope: 'openid fhirUser user/*.rs' }));
    return undefined;
  }
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', redirectUri);
  return { hub: createHubClient({ baseUrl: iss, auth: session }), session };
}

function App() {
  const [hub, setHub] = useState<HubClient>();
  const [session, setSession] = useState<SmartSession>();
  const [user, setUser] = useState('');
  const [signedOut, setSignedOut] = useState(false);
  const [board, setBoard] = useState<WardBoard>();
  const [patients, setPatients] = useState<ReadonlyMap<string, Patient>>(new Map());
  const [chosen, setChosen] = useState<string>();
  const [opened, setOpened] = useState<CareSelectDetail>();
  const [status, setStatus] = useState('Signing in…');

  useEffect(() => {
    let stale = false;
    (async () => {
      const signedIn = await signIn();
      if (!signedIn || stale) return;
      setHub(signedIn.hub);
      setSession(signedIn.session);
      setUser('Signed in');
      if (signedIn.session.fhirUser)
        void readSignedInUser(signedIn.hub, signedIn.session.fhirUser)
          .then((person) => !stale && setUser(`Signed in: ${[person.name, person.role, person.organisation].filter(Boolean).join(' · ')}`))
          .catch(() => undefined);
      setStatus('Reading the ward list…');
      const today = await readWardBoard();
      const ids = today.wards.flatMap((ward) => ward.beds.map((bed) => bed.patientId));
      const byId = new Map<string, Patient>();
      // The hub names the patients (at most 50 at a time); the ward system only knows ids and beds.
      for (let from = 0; from < ids.length; from += 50) {
        const some = ids.slice(from, from + 50);
        const found = await signedIn.hub.get('/Patient', { query: { _id: some, _count: some.length } });
        for (const entry of found.entry ?? [])
          if (entry.resource?.resourceType === 'Patient' && entry.resource.id) byId.set(entry.resource.id, entry.resource);
      }
      if (stale) return;
      setBoard(today);
      setPatients(byId);
      setChosen(ids[0]);
      setStatus('');
    })().catch((error: unknown) =>
      setStatus(`The ward list could not be opened: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      stale = true;
    };
  }, []);

  // Signing out ends the session at the hub, then drops everything the page held: the client, the list, the record.
  const signOut = () => {
    void session?.signOut().then(() => {
      setHub(undefined);
      setSession(undefined);
      setBoard(undefined);
      setPatients(new Map());
      setChosen(undefined);
      setOpened(undefined);
      setUser('');
      setSignedOut(true);
    });
  };

  if (signedOut)
    return (
      <main className="case-main">
        <h1>You have signed out</h1>
        <p>
          <a href={redirectUri}>Sign in again</a>
        </p>
      </main>
    );

  const choose = (id: string) => {
    setChosen(id);
    setOpened(undefined);
  };

  return (
    <>
      <header className="case-header">
        <h1>{board ? `${board.hospital} — ward board` : 'Ward board'}</h1>
        <span id="signed-in-as">{user || 'Not signed in'}</span>
        {session ? (
          <button type="button" className="case-sign-out" onClick={signOut}>
            Sign out
          </button>
        ) : null}
      </header>
      <div className="case-layout">
        <nav className="case-list" aria-label="Wards">
          {(board?.wards ?? []).map((ward) => (
            <section key={ward.name} aria-labelledby={`ward-${ward.name.replace(/\W+/g, '-')}`}>
              <h2 id={`ward-${ward.name.replace(/\W+/g, '-')}`}>{ward.name}</h2>
              {ward.beds.length === 0 ? (
                <p className="case-empty">No one from the borough is on this ward today.</p>
              ) : (
                <ul>
                  {ward.beds.map(({ bed, patientId }) => {
                    const patient = patients.get(patientId);
                    return (
                      <li key={bed}>
                        <button
                          type="button"
                          data-patient={patientId}
                          aria-current={patientId === chosen}
                          onClick={() => choose(patientId)}
                        >
                          <span className="bed">{bed}</span>{' '}
                          {patient ? formatClinicalName(selectOfficialName(patient.name)) : `Record not shared with you (${patientId})`}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          ))}
        </nav>
        <main className="case-main">
          {status ? (
            <p className="case-status" role="status">
              {status}
            </p>
          ) : null}
          {opened ? (
            <p className="case-opened" role="status">
              Opened in the ward system: {opened.resourceType}/{opened.id}
            </p>
          ) : null}
          <care-record-provider
            client={hub}
            patient={chosen}
            audience="clinician"
            oncare-select={(event) => {
              // The ward system opens its own screen for the item.
              event.preventDefault();
              setOpened(event.detail);
            }}
          >
            <care-patient-banner></care-patient-banner>
            <div className="case-columns">
              <care-record-summary heading-level="2"></care-record-summary>
              <div className="case-stack">
                <care-medication-list></care-medication-list>
                <care-timeline></care-timeline>
              </div>
            </div>
          </care-record-provider>
        </main>
      </div>
    </>
  );
}

const root = document.querySelector('#app');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
