// Passkey ceremonies for the sign-in and security pages. The server (ASP.NET Core Identity) makes the
// options and verifies the results; this file only carries JSON between it and navigator.credentials.
const supported = () => window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON;

async function fetchOptions(url, form) {
  const response = await fetch(url, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
  if (!response.ok) throw new Error(`options ${response.status}`);
  return response.json();
}

function showError(form) {
  const error = form.querySelector('[data-passkey-error]');
  if (error) error.hidden = false;
}

export function bindPasskeyForms() {
document.querySelectorAll('form[data-passkey]:not([data-bound])').forEach((form) => {
  form.dataset.bound = '1';
  if (!supported()) {
    form.hidden = true;
    return;
  }
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    if (form.dataset.ready === '1') return; // second pass: the credential is filled in, post it
    event.preventDefault();
    try {
      let credential;
      if (form.dataset.passkey === 'create') {
        const options = await fetchOptions('/account/passkeys/creation-options', form);
        credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
      } else {
        const options = await fetchOptions('/account/passkeys/request-options', form);
        credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      }
      form.querySelector('input[name=credential]').value = JSON.stringify(credential.toJSON());
      form.dataset.ready = '1';
      form.requestSubmit();
    } catch (e) {
      console.warn('passkey', e);
      showError(form);
    }
  });
});
}
