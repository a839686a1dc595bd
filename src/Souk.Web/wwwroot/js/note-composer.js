// The composer's tag editor: tap a photo to drop a dot, choose the item (your own, saved, or searched), drag a dot to move
// it. Each tag is a hidden "tag" field "{photo} {x} {y} {kind} {id}" (see NoteForm.cs); a photo is a stored photo's id or
// "f{n}", the n-th new file of this post. Without this script the form still posts, keeping the tags already placed.

const format = (template, value) => template.replace('{0}', value);

// Enhanced navigation may keep an editor element and patch its contents: listeners are added once, the view is set up each time.
const editors = new WeakMap();

export function bindTagEditors() {
  document.querySelectorAll('[data-tag-editor]').forEach((editor) => {
    if (!editors.has(editor)) editors.set(editor, bind(editor));
    editors.get(editor)();
  });
}

function bind(editor) {
  const form = editor.closest('form');
  const stage = editor.querySelector('[data-tag-stage]');
  const thumbs = editor.querySelector('[data-tag-thumbs]');
  const picker = editor.querySelector('[data-tag-picker]');
  const list = editor.querySelector('[data-tag-list]');
  const search = editor.querySelector('[data-tag-search]');
  const results = editor.querySelector('[data-tag-results]');
  const max = Number(editor.dataset.max || 5);
  let photos = [];
  let current = null;
  let pending = null;


  // The photos in the order the server stores them: kept ones (still ticked), then each picker's files.
  function collectPhotos() {
    const found = [];
    form.querySelectorAll('[data-photo-list] li').forEach((li) => {
      const keep = li.querySelector('input[type=checkbox]');
      if (keep?.checked) found.push({ key: keep.value.toLowerCase(), src: li.querySelector('img').src });
    });
    let n = 0;
    form.querySelectorAll('[data-photo-input]').forEach((input) => {
      for (const file of input.files || []) {
        if (file.size === 0) continue;
        found.push({ key: `f${n}`, src: URL.createObjectURL(file) });
        n += 1;
      }
    });
    return found;
  }

  function tags(photo) {
    return [...list.querySelectorAll('[data-tag]')].filter((li) => !photo || li.dataset.photo === photo);
  }

  function refresh() {
    photos.filter((p) => p.key.startsWith('f')).forEach((p) => URL.revokeObjectURL(p.src));
    photos = collectPhotos();
    const keys = new Set(photos.map((p) => p.key));
    tags().forEach((li) => { if (!keys.has(li.dataset.photo)) li.remove(); });
    if (!photos.some((p) => p.key === current)) current = photos[0]?.key ?? null;
    thumbs.hidden = photos.length < 2;
    stage.hidden = photos.length === 0;
    thumbs.replaceChildren(...photos.map((p, i) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tag-thumb';
      if (p.key === current) button.setAttribute('aria-current', 'true');
      const img = document.createElement('img');
      img.src = p.src;
      img.alt = format(editor.dataset.labelPhoto, String(i + 1));
      img.width = 56;
      img.height = 56;
      button.append(img);
      button.addEventListener('click', () => { current = p.key; closePicker(); refresh(); });
      li.append(button);
      return li;
    }));
    drawStage();
  }

  function drawStage() {
    const photo = photos.find((p) => p.key === current);
    if (!photo) { stage.replaceChildren(); return; }
    const frame = document.createElement('div');
    frame.className = 'tag-frame';
    frame.dataset.tagFrame = photo.key;
    const img = document.createElement('img');
    img.src = photo.src;
    img.alt = format(editor.dataset.labelPhoto, String(photos.indexOf(photo) + 1));
    img.draggable = false;
    frame.append(img);
    for (const li of tags(photo.key)) frame.append(dotFor(li, frame));
    if (pending && pending.photo === photo.key) {
      const dot = document.createElement('span');
      dot.className = 'tag-dot tag-dot-pending';
      dot.style.left = `${pending.x * 100}%`;
      dot.style.top = `${pending.y * 100}%`;
      dot.innerHTML = '<span></span>';
      frame.append(dot);
    }
    frame.addEventListener('click', (event) => {
      if (event.target.closest('.tag-dot')) return;
      const box = frame.getBoundingClientRect();
      const x = clamp((event.clientX - box.left) / box.width);
      const y = clamp((event.clientY - box.top) / box.height);
      if (tags(photo.key).length >= max) { flash(editor.dataset.labelFull); return; }
      pending = { photo: photo.key, x, y };
      openPicker();
      drawStage();
    });
    stage.replaceChildren(frame);
  }

  // A placed dot: a button named after its item; drag (pointer) to move it, the list below removes it.
  function dotFor(li, frame) {
    const dot = document.createElement('button');
    dot.type = 'button';
    dot.className = 'tag-dot';
    dot.style.left = `${Number(li.dataset.x) * 100}%`;
    dot.style.top = `${Number(li.dataset.y) * 100}%`;
    dot.setAttribute('aria-label', format(editor.dataset.labelTag, li.dataset.title));
    dot.innerHTML = '<span></span>';
    dot.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      dot.setPointerCapture(event.pointerId);
      const move = (e) => {
        const box = frame.getBoundingClientRect();
        li.dataset.x = String(clamp((e.clientX - box.left) / box.width));
        li.dataset.y = String(clamp((e.clientY - box.top) / box.height));
        dot.style.left = `${Number(li.dataset.x) * 100}%`;
        dot.style.top = `${Number(li.dataset.y) * 100}%`;
        writeValue(li);
      };
      const up = () => {
        dot.removeEventListener('pointermove', move);
        dot.removeEventListener('pointerup', up);
        dot.removeEventListener('pointercancel', up);
      };
      dot.addEventListener('pointermove', move);
      dot.addEventListener('pointerup', up);
      dot.addEventListener('pointercancel', up);
    });
    dot.addEventListener('click', (e) => e.stopPropagation());
    return dot;
  }

  function writeValue(li) {
    const round = (v) => Math.round(Number(v) * 10000) / 10000;
    li.querySelector('input').value = `${li.dataset.photo} ${round(li.dataset.x)} ${round(li.dataset.y)} ${li.dataset.kind} ${li.dataset.id}`;
  }

  function addTag(kind, id, title) {
    if (!pending) return;
    const li = document.createElement('li');
    li.dataset.tag = '';
    Object.assign(li.dataset, { photo: pending.photo, x: String(pending.x), y: String(pending.y), kind, id: String(id), title });
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'tag';
    const name = document.createElement('span');
    name.className = 'tag-list-title';
    name.textContent = title;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button button-secondary button-small';
    remove.dataset.tagRemove = '';
    remove.textContent = editor.dataset.labelRemove;
    li.append(input, name, remove);
    list.append(li);
    writeValue(li);
    pending = null;
    closePicker();
    drawStage();
  }

  function openPicker() {
    picker.hidden = false;
    search.value = '';
    results.replaceChildren();
    search.focus({ preventScroll: true });
    picker.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  function closePicker() {
    picker.hidden = true;
    pending = null;
  }

  function flash(text) {
    const help = editor.querySelector('[data-tag-help]');
    const before = help.textContent;
    help.textContent = text;
    help.setAttribute('role', 'status');
    setTimeout(() => { help.textContent = before; }, 2500);
  }

  editor.addEventListener('click', (event) => {
    const choice = event.target.closest('[data-tag-choice]');
    if (choice) { addTag(choice.dataset.kind, choice.dataset.id, choice.dataset.title); return; }
    const remove = event.target.closest('[data-tag-remove]');
    if (remove) { remove.closest('[data-tag]').remove(); drawStage(); return; }
    if (event.target.closest('[data-tag-cancel]')) { closePicker(); drawStage(); }
  });

  // Search: GET /api/v1/search (listings and products), a moment after typing stops.
  let timer = 0;
  let asked = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = search.value.trim();
      const ask = ++asked;
      if (!q) { results.replaceChildren(); return; }
      try {
        const response = await fetch(`/api/v1/search?q=${encodeURIComponent(q)}&limit=8`, { headers: { Accept: 'application/json' } });
        const body = await response.json();
        if (ask !== asked) return;
        // Only listings and products can be tagged (the index also finds notes).
        const items = (body.items || []).filter((card) => card.kind === 'listing' || card.kind === 'product');
        results.replaceChildren(...items.map(choiceFor));
        if (!items.length) {
          const li = document.createElement('li');
          li.className = 'muted small';
          li.textContent = editor.dataset.labelNone;
          results.append(li);
        }
      } catch { /* offline: the own-items list remains */ }
    }, 250);
  });
  search.addEventListener('keydown', (event) => { if (event.key === 'Enter') event.preventDefault(); });

  function choiceFor(card) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'tag-choice';
    button.dataset.tagChoice = '';
    button.dataset.kind = card.kind;
    button.dataset.id = String(card.id);
    button.dataset.title = card.title;
    if (card.cover?.thumbnail) {
      const img = document.createElement('img');
      img.src = card.cover.thumbnail;
      img.alt = '';
      img.width = 44;
      img.height = 44;
      button.append(img);
    }
    const text = document.createElement('span');
    text.className = 'tag-choice-text';
    const title = document.createElement('span');
    title.textContent = card.title;
    const price = document.createElement('strong');
    price.textContent = money(card.price);
    text.append(title, price);
    button.append(text);
    li.append(button);
    return li;
  }

  form.addEventListener('change', (event) => {
    if (event.target.matches('[data-photo-input], [data-photo-list] input')) refresh();
  });

  return () => {
    editor.querySelector('[data-tag-nojs]').hidden = true;
    editor.querySelector('[data-tag-help]').hidden = false;
    list.querySelectorAll('[data-tag-remove]').forEach((b) => { b.hidden = false; });
    pending = null;
    picker.hidden = true;
    refresh();
  };
}

function clamp(v) {
  return Math.min(1, Math.max(0, Math.round(v * 10000) / 10000));
}

function money(price) {
  if (!price) return '';
  try {
    const formatter = new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency: price.currency });
    const digits = formatter.resolvedOptions().maximumFractionDigits;
    return formatter.format(price.amount / 10 ** digits);
  } catch {
    return `${price.amount} ${price.currency}`;
  }
}
