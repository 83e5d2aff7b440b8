/**
 * The demo hosts' header: who is signed in (name, role, organisation, read from
 * the token's `fhirUser` — never a resource id), and a sign-out that ends the
 * session at the hub and clears everything the page holds. On a shared
 * computer, nothing of the record is left behind.
 */
import { readSignedInUser, type HubClient, type SmartSession } from '@care-record/sdk';

export interface SignedInHeader {
  hub: HubClient;
  session: SmartSession;
  /** Where the name goes. */
  who: HTMLElement;
  /** The sign-out button (hidden until someone is signed in). */
  signOut: HTMLButtonElement;
  /** The part of the page that shows the record: emptied on sign-out. */
  record: HTMLElement;
  /** Where to sign in again. */
  signInAgain: string;
  /** Other parts of the page that only make sense while signed in (a menu of the record's sections). */
  alsoRemove?: HTMLElement[];
}

export async function showSignedIn({ hub, session, who, signOut, record, signInAgain, alsoRemove = [] }: SignedInHeader): Promise<void> {
  who.textContent = 'Signed in';
  signOut.hidden = false;
  signOut.addEventListener('click', () => {
    signOut.disabled = true;
    void session.signOut().then(() => {
      // Everything the page held goes: the elements (with their data), the lists, the name.
      record.replaceChildren();
      for (const part of alsoRemove) part.remove();
      const heading = document.createElement('h1');
      heading.textContent = 'You have signed out';
      heading.tabIndex = -1;
      const again = document.createElement('p');
      const link = document.createElement('a');
      link.href = signInAgain;
      link.textContent = 'Sign in again';
      again.append(link);
      // In the page's main landmark: the record's part of the page if it is (or is in) one, else a new one in its place.
      const main = record.closest('main') ? record : record.appendChild(document.createElement('main'));
      main.append(heading, again);
      who.textContent = 'Not signed in';
      signOut.hidden = true;
      heading.focus();
    });
  });
  if (!session.fhirUser) return;
  try {
    const user = await readSignedInUser(hub, session.fhirUser);
    who.textContent = ['Signed in:', [user.name, user.role, user.organisation].filter(Boolean).join(' · ')].join(' ');
  } catch {
    // The header still says someone is signed in; the record says what failed.
  }
}
