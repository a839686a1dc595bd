import { bindPasskeyForms } from './passkeys.js';

// Small progressive enhancements; every page works without them.

// Share buttons: the Web Share sheet on phones, copy-the-link elsewhere.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-share-url]');
  if (!button) return;
  const url = button.dataset.shareUrl;
  const title = button.dataset.shareTitle || document.title;
  if (navigator.share) {
    try { await navigator.share({ title, url }); return; } catch { /* cancelled: fall through to copying */ }
  }
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    window.prompt('', url);
    return;
  }
  const label = button.textContent;
  button.textContent = button.dataset.copied || 'Copied';
  setTimeout(() => { button.textContent = label; }, 2000);
});

// Close the language menu when a choice is made or the user taps elsewhere.
document.addEventListener('click', (event) => {
  document.querySelectorAll('details.language-picker[open]').forEach((d) => {
    if (!d.contains(event.target)) d.removeAttribute('open');
  });
});

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => { /* offline support is optional */ });
}

// Enhanced navigation swaps page content without running scripts again: re-bind on every swap.
bindPasskeyForms();
window.Blazor?.addEventListener?.('enhancedload', bindPasskeyForms);
document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', bindPasskeyForms));
