/**
 * The development sign-in pages: server-rendered HTML with one linked
 * stylesheet, no script, every echoed value escaped. Styled after the NHS
 * design system (Arial in place of Frutiger, NHS blue header, green action buttons).
 */
import type { SignInPersona } from './types.js';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => escapes[character] ?? character);
}

export interface SignInPageModel {
  formAction: string;
  stylesheet: string;
  requestId: string;
  clientId: string;
  /** The origin the person will be sent back to. */
  returnOrigin: string;
  /** The patient a host system launched the app for, if any. */
  launchPatient?: string | undefined;
  personas: readonly SignInPersona[];
  /** Why the last try of a carer signing in with an invitation code did not work. */
  invitationProblem?: { personaId: string; text: string } | undefined;
}

export function signInPage(model: SignInPageModel): string {
  const personas = model.personas
    .map((persona) => {
      // Each persona's button submits the sign-in form; one with a code field has a form of its own, so that Enter
      // in that field signs in as that persona, never as the first on the page.
      const own = persona.carerAccount !== undefined;
      const button = `
        <button class="persona" type="submit" name="persona" value="${escapeHtml(persona.id)}"${own ? '' : ' form="sign-in"'}>
          <span class="persona-label">${escapeHtml(persona.label)}</span>
          <span class="persona-description">${escapeHtml(persona.description)}</span>
        </button>`;
      if (persona.carerAccount === undefined) return `\n      <li>${button}\n      </li>`;
      // A carer who may not be on anyone's record yet: the code a resident gave them, then the button.
      const problem = model.invitationProblem?.personaId === persona.id ? model.invitationProblem.text : undefined;
      const id = `invitation-${escapeHtml(persona.id)}`;
      return `
      <li class="invited${problem ? ' has-problem' : ''}"><form method="post" action="${escapeHtml(model.formAction)}">
        <input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
        <label for="${id}">Invitation code, if someone has just invited you to act for them</label>
        <span class="hint" id="${id}-hint">12 letters and numbers, for example ABCD-EFGH-JKMN</span>${
          problem
            ? `\n        <span class="problem" id="${id}-problem"><span class="visually-hidden">Error:</span> ${escapeHtml(problem)}</span>`
            : ''
        }
        <input class="code" id="${id}" name="invitation:${escapeHtml(persona.id)}" autocomplete="off" spellcheck="false" autocapitalize="characters"
          maxlength="32" aria-describedby="${id}-hint${problem ? ` ${id}-problem` : ''}"${problem ? ' aria-invalid="true" autofocus' : ''}>${button}
      </form></li>`;
    })
    .join('');
  const launch =
    model.launchPatient === undefined
      ? ''
      : `\n    <p>It was opened from another system for patient <strong>${escapeHtml(model.launchPatient)}</strong>.</p>`;
  return page(
    'Choose who to sign in as',
    model.stylesheet,
    `
    <p class="lede"><strong>${escapeHtml(model.clientId)}</strong> wants to open the care record.
    After you choose, you will go back to <strong>${escapeHtml(model.returnOrigin)}</strong>.</p>${launch}
    <ul class="personas" role="list">${personas}
    </ul>
    <form method="post" action="${escapeHtml(model.formAction)}" id="sign-in">
      <input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
      <button class="cancel" type="submit" name="cancel" value="true">Cancel and go back</button>
    </form>`,
  );
}

/** A dead end: the sign-in cannot continue, and the person must go back to the app. */
export function errorPage(stylesheet: string, heading: string, explanation: string): string {
  return page(heading, stylesheet, `\n    <p class="lede">${escapeHtml(explanation)}</p>\n    <p>Go back to the app and start again.</p>`);
}

function page(heading: string, stylesheet: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(heading)} – Care record development sign-in</title>
  <link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
  <header class="header"><div class="width"><span class="service">Care record</span> <span class="tag">Development sign-in</span></div></header>
  <main class="width" id="main">
    <div class="warning"><p><strong>This is a development sign-in: no real people or passwords.</strong>
    Everyone here is made up, and so is every record behind them.</p></div>
    <h1>${escapeHtml(heading)}</h1>${body}
  </main>
</body>
</html>
`;
}

export const signInStylesheet = `*, *::before, *::after { box-sizing: border-box; }
html { font-family: Arial, Helvetica, sans-serif; color: #212b32; background: #f0f4f5; }
body { margin: 0; font-size: 1.1875rem; line-height: 1.5; }
.width { max-inline-size: 960px; margin-inline: auto; padding-inline: 16px; }
.header { background: #005eb8; color: #fff; padding-block: 16px; }
.service { font-weight: 700; font-size: 1.375rem; }
.tag { display: inline-block; margin-inline-start: 12px; padding: 2px 8px; border: 1px solid #fff; font-size: 1rem; }
main { padding-block: 32px 48px; }
h1 { font-size: 2rem; line-height: 1.25; margin-block: 0 16px; }
.lede { font-size: 1.25rem; }
.warning { background: #fff9c4; border-inline-start: 8px solid #ffeb3b; padding: 8px 24px; margin-block-end: 32px; }
.personas { list-style: none; padding: 0; margin: 0 0 32px; display: grid; gap: 16px; }
.persona { display: block; inline-size: 100%; text-align: start; font: inherit; color: #fff; background: #007f3b;
  border: 2px solid transparent; border-radius: 4px; box-shadow: 0 4px 0 #00401e; padding: 16px 20px; cursor: pointer; }
.persona:hover { background: #00662f; }
.persona-label { display: block; font-weight: 700; font-size: 1.25rem; }
.persona-description { display: block; margin-block-start: 4px; }
.invited form { display: grid; gap: 8px; padding: 16px; background: #fff; border: 1px solid #d8dde0; }
.invited label { font-weight: 700; }
.invited .hint { color: #4c6272; }
.invited.has-problem { border-inline-start: 4px solid #d5281b; }
.problem { color: #d5281b; font-weight: 700; }
.code { font: inherit; inline-size: 100%; max-inline-size: 20em; padding: 4px 8px; border: 2px solid #4c6272; letter-spacing: 0.1em; }
.code:focus { outline: 4px solid #ffeb3b; outline-offset: 0; box-shadow: inset 0 0 0 2px #212b32; }
.visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.cancel { font: inherit; color: #005eb8; background: none; border: none; padding: 0; text-decoration: underline; cursor: pointer; }
.persona:focus-visible, .cancel:focus-visible { outline: 4px solid transparent; background: #ffeb3b; color: #212b32;
  box-shadow: 0 -2px #ffeb3b, 0 4px #212b32; text-decoration: none; }
@media (forced-colors: active) { .persona { border-color: ButtonText; } }
`;
