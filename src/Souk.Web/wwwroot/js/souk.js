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

// Sell and edit forms: photos larger than the zoom view (1600 px) are shrunk in the browser before they are posted, as the
// apps do: a camera photo of 3-4 MB goes up as about 400 kB (less to send on a phone connection, and the server's image
// pipeline has a quarter of the pixels to decode), turned upright, with its EXIF and GPS left behind. Without JS, or where
// the browser cannot do it, the originals go up and the server does all of it.
const PHOTO_MAX_EDGE = 1600;
const shrinking = new WeakMap();

async function shrinkPhoto(file) {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return file;
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file; // a format this browser cannot decode (HEIC in most): the server handles it
  }
  const scale = PHOTO_MAX_EDGE / Math.max(bitmap.width, bitmap.height);
  if (scale >= 1) { bitmap.close(); return file; }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
  if (!blob) return file;
  return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg', lastModified: file.lastModified });
}

async function shrinkPicked(input) {
  const files = [...(input.files || [])];
  const shrunk = await Promise.all(files.map(shrinkPhoto));
  if (shrunk.every((f, i) => f === files[i]) || typeof DataTransfer !== 'function') return;
  const transfer = new DataTransfer();
  shrunk.forEach((f) => transfer.items.add(f));
  input.files = transfer.files;
}

document.addEventListener('change', (event) => {
  const input = event.target.closest?.('[data-photo-input]');
  if (!input) return;
  const work = shrinkPicked(input).catch(() => { /* keep the originals */ });
  shrinking.set(input, work);
  work.finally(() => { if (shrinking.get(input) === work) shrinking.delete(input); });
});

// Set when a form with photo pickers is posted: the next enhanced update is its answer, and clears the pickers.
let photosPosted = false;

// A post waits for the shrinking to finish (captured before Blazor's enhanced forms see the submit), then goes again.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const pickers = [...form.querySelectorAll?.('[data-photo-input]') || []];
  const pending = pickers.map((i) => shrinking.get(i)).filter(Boolean);
  if (pending.length === 0) {
    if (pickers.length > 0) photosPosted = true;
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  const submitter = event.submitter;
  Promise.allSettled(pending).then(() => form.requestSubmit(submitter && submitter.form === form ? submitter : undefined));
}, true);

// Sell and edit forms: previews of the photos picked (the server stores them when the form is posted).
document.addEventListener('change', (event) => {
  const input = event.target.closest?.('[data-photo-input]');
  if (!input) return;
  const form = input.form;
  const list = form?.querySelector('[data-photo-previews]');
  if (!list) return;
  list.querySelectorAll('img').forEach((img) => URL.revokeObjectURL(img.src));
  list.replaceChildren();
  const kept = form.querySelectorAll('[data-photo-list] li').length;
  const alt = list.dataset.photoAlt || '{0}';
  let n = kept;
  form.querySelectorAll('[data-photo-input]').forEach((picker) => {
    for (const file of picker.files || []) {
      n += 1;
      const li = document.createElement('li');
      const img = document.createElement('img');
      img.src = URL.createObjectURL(file);
      img.alt = alt.replace('{0}', String(n));
      img.width = 96;
      img.height = 96;
      li.append(img);
      list.append(li);
    }
  });
});

// The shipping fee is in the price's currency: keep its label in step.
document.addEventListener('change', (event) => {
  const select = event.target.closest?.('[data-currency]');
  if (!select) return;
  select.form?.querySelectorAll('[data-currency-label]').forEach((label) => { label.textContent = select.value; });
});

// "Use my location": coordinates rounded to 2 decimals (about 1 km) before they go anywhere. The sell and edit forms get
// them in two fields (the server rounds again) and an empty district filled with the nearest suggestion; the search form
// gets "lat,lng" in one field (near) and may then sort nearest first.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-use-location]');
  if (!button || !navigator.geolocation) return;
  const form = button.form;
  const status = form?.querySelector('[data-geo-status]');
  button.disabled = true;
  navigator.geolocation.getCurrentPosition((position) => {
    const round = (x) => Math.round(x * 100) / 100;
    const lat = round(position.coords.latitude);
    const lng = round(position.coords.longitude);
    const latInput = form.querySelector('[data-geo-lat]');
    const lngInput = form.querySelector('[data-geo-lng]');
    if (latInput && lngInput) {
      latInput.value = lat.toFixed(2);
      lngInput.value = lng.toFixed(2);
    }
    const near = form.querySelector('[data-geo-near]');
    if (near) {
      near.value = `${lat.toFixed(2)},${lng.toFixed(2)}`;
      form.querySelectorAll('[data-needs-near]').forEach((option) => { option.disabled = false; });
    }
    const district = form.querySelector('[data-district]');
    if (district && !district.value.trim()) {
      const nearest = nearestOption(district.list, lat, lng);
      if (nearest) district.value = nearest;
    }
    if (status) status.textContent = button.dataset.located || '';
    button.disabled = false;
  }, () => {
    if (status) status.textContent = button.dataset.geoFailed || '';
    button.disabled = false;
  }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
});

function nearestOption(datalist, lat, lng) {
  let best = null;
  let bestKm = 15; // farther than this, a suggestion would be a guess
  for (const option of datalist?.options || []) {
    const oLat = parseFloat(option.dataset.lat);
    const oLng = parseFloat(option.dataset.lng);
    if (Number.isNaN(oLat) || Number.isNaN(oLng)) continue;
    const km = Math.hypot((oLat - lat) * 111, (oLng - lng) * 111 * Math.cos(lat * Math.PI / 180));
    if (km < bestKm) { bestKm = km; best = option.value; }
  }
  return best;
}

// One post per tap: the submit button waits while the photos upload (re-enabled when the page comes back).
document.addEventListener('submit', (event) => {
  const form = event.target.closest?.('[data-listing-form]');
  const button = form?.querySelector('[data-submit]');
  if (button) setTimeout(() => { button.disabled = true; }, 0);
});

// Photo galleries: dots follow the swipe (scroll-snap does the swiping), and a dot scrolls to its photo.
document.addEventListener('scroll', (event) => {
  const track = event.target.closest?.('[data-gallery-track]');
  if (!track) return;
  const index = Math.round(track.scrollLeft / Math.max(1, track.clientWidth)) + 1;
  track.parentElement.querySelectorAll('[data-gallery-dot]').forEach((dot) => {
    if (Number(dot.dataset.galleryDot) === index) dot.setAttribute('aria-current', 'true');
    else dot.removeAttribute('aria-current');
  });
}, true);

document.addEventListener('click', (event) => {
  const dot = event.target.closest('[data-gallery-dot]');
  const track = dot?.closest('[data-gallery]')?.querySelector('[data-gallery-track]');
  if (!track) return;
  event.preventDefault();
  event.stopPropagation();
  track.scrollTo({ left: (Number(dot.dataset.galleryDot) - 1) * track.clientWidth, behavior: 'smooth' });
}, true);

// Product pages: the SKU picker's values are links (?sku=) that work without JavaScript; here a tap switches the SKU in
// place: price, stock line, the values offered (a sold-out combination is not), the photo and the address. Capture phase,
// so enhanced navigation never sees the click.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('[data-sku-picker] a[data-option]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  if (link.getAttribute('aria-disabled') === 'true') return;
  const picker = link.closest('[data-sku-picker]');
  const skus = JSON.parse(picker.dataset.skus);
  const current = skus.find((s) => String(s.id) === picker.dataset.selected);
  if (!current) return;
  const sku = skuWith(skus, current.values, Number(link.dataset.option), link.dataset.value);
  if (sku) selectSku(picker, skus, sku);
}, true);

function skuWith(skus, values, option, value) {
  const wanted = values.map((v, i) => (i === option ? value : v));
  return skus.find((s) => s.values.every((v, i) => v === wanted[i]));
}

function selectSku(picker, skus, sku) {
  picker.dataset.selected = String(sku.id);
  const page = picker.closest('article') || document;
  // The buy form follows the picker; a sold-out SKU cannot be bought.
  page.querySelectorAll('[data-sku-input]').forEach((input) => {
    input.value = String(sku.id);
    input.form?.querySelectorAll('button').forEach((b) => { b.disabled = sku.state === 'out'; });
  });
  const price = page.querySelector('[data-sku-price]');
  if (price) price.textContent = sku.price;
  const stock = page.querySelector('[data-sku-stock]');
  if (stock) {
    stock.textContent = sku.stock;
    stock.className = `stock stock-${sku.state}`;
  }
  const path = window.location.pathname;
  picker.querySelectorAll('a[data-option]').forEach((a) => {
    const target = skuWith(skus, sku.values, Number(a.dataset.option), a.dataset.value);
    const selected = target?.id === sku.id;
    const open = target && (selected || target.state !== 'out');
    if (selected) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    if (open) {
      a.href = `${path}?sku=${target.id}`;
      a.removeAttribute('aria-disabled');
      a.removeAttribute('role');
    } else {
      // Without href an <a> is no link: the role keeps aria-disabled meaningful to screen readers.
      a.removeAttribute('href');
      a.setAttribute('role', 'link');
      a.setAttribute('aria-disabled', 'true');
    }
    const soldOut = a.querySelector('[data-sold-out]');
    if (soldOut) soldOut.textContent = open ? '' : (picker.dataset.soldOut || '');
  });
  picker.querySelectorAll('[data-option-current]').forEach((el) => { el.textContent = sku.values[Number(el.dataset.optionCurrent)]; });
  window.history.replaceState(window.history.state, '', `${path}?sku=${sku.id}`);
  const track = page.querySelector('[data-gallery-track]');
  const slide = sku.photo && track?.querySelector(`[data-photo-id="${sku.photo}"]`);
  if (slide) track.scrollTo({ left: [...track.children].indexOf(slide) * track.clientWidth, behavior: 'smooth' });
}

// After an enhanced form post the server has stored the photos (they come back as thumbnails): clear the pickers and
// their previews so nothing is posted twice; show the location button where the browser can locate.
// Only after such a post (or a page shown again from the back-forward cache): an enhanced update for anything else must
// not empty a picker the person has just filled.
function bindListingForms(clearPickers = false) {
  if (clearPickers === true || photosPosted) {
    photosPosted = false;
    document.querySelectorAll('[data-photo-input]').forEach((input) => { input.value = ''; });
    document.querySelectorAll('[data-photo-previews]').forEach((list) => list.replaceChildren());
  }
  document.querySelectorAll('[data-listing-form] [data-submit]').forEach((button) => { button.disabled = false; });
  if ('geolocation' in navigator) document.querySelectorAll('[data-use-location][hidden]').forEach((b) => { b.hidden = false; });
}

function bindAll() {
  bindPasskeyForms();
  bindListingForms();
  // The note composer's tag editor is its own module, loaded only where there is one.
  if (document.querySelector('[data-tag-editor]')) import('./note-composer.js').then((m) => m.bindTagEditors());
  // Signed-in pages carry the Inbox badge: the chat client keeps it live (and the conversation page, when open).
  if (document.querySelector('[data-chat-badge]')) import('./chat.js').then((m) => m.bindChat());
}

// Enhanced navigation swaps page content without running scripts again: re-bind on every swap. Blazor is usually there
// already (its script comes first); if not, once the document is parsed. Hooked once: Blazor keeps every listener it is
// given, so a second registration ran everything twice on each swap.
bindAll();
let enhancedLoadHooked = false;
function hookEnhancedLoad() {
  if (enhancedLoadHooked || !window.Blazor?.addEventListener) return;
  window.Blazor.addEventListener('enhancedload', bindAll);
  enhancedLoadHooked = true;
}
hookEnhancedLoad();
document.addEventListener('DOMContentLoaded', hookEnhancedLoad);
window.addEventListener('pageshow', () => bindListingForms(true));

// Group-buy countdowns: each [data-countdown] (datetime = the team's deadline) shows hh:mm:ss left, ticking every second.
function tickCountdowns() {
  const now = Date.now();
  document.querySelectorAll('[data-countdown]').forEach((time) => {
    const left = Math.max(0, Math.floor((Date.parse(time.getAttribute('datetime')) - now) / 1000));
    const value = time.querySelector('[data-countdown-value]');
    const pad = (n) => String(n).padStart(2, '0');
    if (value) value.textContent = `${pad(Math.floor(left / 3600))}:${pad(Math.floor(left / 60) % 60)}:${pad(left % 60)}`;
  });
}
setInterval(tickCountdowns, 1000);
