// Lines that must not compile against the published types: the test removes their expect-error comments.
import '@care-record/components/define.js';

const provider = document.querySelector('care-record-provider');
// @ts-expect-error -- a client, not a URL
if (provider) provider.client = 'https://hub.example/fhir';
// @ts-expect-error -- care-select's detail has no `name`
document.addEventListener('care-select', (event) => event.detail.name);
// @ts-expect-error -- care-share-status's state is not a number
window.addEventListener('care-share-status', (event) => event.detail.state.toFixed());
export {};
