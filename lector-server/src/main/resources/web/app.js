// Lector web page: send files (picked, dropped anywhere or pasted) to /v1/ocr or /v1/extract, draw
// the boxes over the page image, list the lines block by block and the fields; PDFs show each
// page's preview with a page switcher. With a VLM back end: an engine switch, translate and Markdown.
(function () {
  'use strict';
  const drop = document.getElementById('drop');
  const input = document.getElementById('files');
  const pick = document.getElementById('pick');
  const results = document.getElementById('results');
  const template = document.getElementById('card');
  const detInput = document.getElementById('detInput');
  const engineBox = document.getElementById('engineBox');
  const engineSel = document.getElementById('engine');
  const templateSel = document.getElementById('template');
  const keysBox = document.getElementById('keysBox');
  const keysInput = document.getElementById('keys');
  const apiKey = document.getElementById('apiKey');
  const cards = [];
  const server = { vlm: false };

  function friendly(status, body) {
    const code = body && body.error ? body.error.code : '';
    const msg = body && body.error ? body.error.message : '';
    const hints = {
      413: 'The file is too large for this server.',
      415: 'This file type is not supported: use an image (PNG, JPEG, ...) or a PDF.',
      400: 'The file could not be read: it is empty or damaged.',
      422: 'An option has a value the server does not accept.',
      429: 'The server is busy: try again in a moment.',
      401: 'This server needs an API key.',
      502: 'The model back end failed on this file.',
      503: 'The server is not ready or is shutting down.',
      504: 'The server took too long on this file.'
    };
    return (hints[status] || 'Error ' + status + '.') + (msg ? ' (' + code + ': ' + msg + ')' : '');
  }

  function headers() {
    const h = {};
    const key = apiKey.value.trim();
    if (key) h.Authorization = 'Bearer ' + key;
    return h;
  }

  /** POSTs the file as multipart to path?q and resolves with the parsed JSON, or rejects with a friendly message. */
  function postJson(path, q, file) {
    const form = new FormData();
    form.append('image', file);
    return fetch(path + '?' + q.toString(), { method: 'POST', body: form, headers: headers() })
      .then(function (res) {
        return res.text().then(function (text) {
          let body = null;
          try { body = JSON.parse(text); } catch (e) { body = null; }
          if (!res.ok) throw new Error(friendly(res.status, body));
          if (!body) throw new Error('The server answered with something that is not JSON.');
          return body;
        });
      });
  }

  function saveBlob(name, blob) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function download(name, type, text) { saveBlob(name, new Blob([text], { type: type })); }

  function allText(result) {
    if (typeof result.text === 'string') return result.text;
    return result.pages.map(function (p) { return (p.lines || []).map(function (l) { return l.text; }).join('\n'); }).join('\n\n');
  }

  // ---- copy with feedback (the Clipboard API needs a secure context: fall back to a selection) ----

  function copyFallback(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return copyFallback(text); });
    }
    return Promise.resolve(copyFallback(text));
  }

  function feedback(button, ok) {
    if (!button.dataset.label) button.dataset.label = button.textContent;
    button.textContent = ok ? 'Copied' : 'Copy failed';
    button.classList.toggle('done', ok);
    clearTimeout(button.feedbackTimer);
    button.feedbackTimer = setTimeout(function () {
      button.textContent = button.dataset.label;
      button.classList.remove('done');
    }, 1500);
  }

  // ---- drawing, zoom and highlights ----

  function currentPage(card) { return card.result ? card.result.pages[card.pageIndex] : null; }

  function linesOf(page) { return (page && page.lines) || []; }

  /** The line indices highlighted now: the hovered line, else the selected one, plus the chosen field's lines. */
  function highlighted(card) {
    const set = new Set();
    const line = card.hover >= 0 ? card.hover : card.selected;
    if (line >= 0) set.add(line);
    if (card.field && card.field.lines) card.field.lines.forEach(function (i) { set.add(i); });
    return set;
  }

  function markLines(card) {
    const set = highlighted(card);
    card.el.querySelectorAll('.lines li.line').forEach(function (li) {
      li.classList.toggle('hl', set.has(Number(li.dataset.index)));
    });
    card.el.querySelectorAll('.fields tbody tr').forEach(function (tr) {
      tr.classList.toggle('hl', !!card.field && tr.dataset.name === card.field.name);
    });
  }

  function draw(card) {
    const canvas = card.el.querySelector('canvas.page');
    const zoomBar = card.el.querySelector('.zoom');
    const r = currentPage(card);
    const useDetView = detInput.checked && !card.isPdf;
    const image = card.isPdf ? card.previews[card.pageIndex] : (useDetView && card.cleaned ? card.cleaned : card.image);
    if (!image || !r || !r.width) { canvas.hidden = true; zoomBar.hidden = true; return; }
    canvas.hidden = false;
    zoomBar.hidden = false;
    const useDet = detInput.checked && r.det_input && !card.isPdf;
    const w = useDet ? r.det_input.width : r.width;
    const h = useDet ? r.det_input.height : r.height;
    // the detector saw the page inside a white margin (det_input.pad, in page pixels), resized to its input size
    const pad = useDet ? (r.det_input.pad || 0) : 0;
    const sx = w / (r.width + 2 * pad), sy = h / (r.height + 2 * pad);
    const ox = pad * sx, oy = pad * sy;
    card.transform = { ox: ox, oy: oy, sx: sx, sy: sy };
    canvas.width = w; canvas.height = h;
    canvas.dataset.mode = useDet ? 'det' : 'image';
    canvas.dataset.cleaned = useDet && card.cleaned ? 'true' : 'false';
    canvas.dataset.page = String(r.page);
    canvas.dataset.highlight = String(card.selected);
    canvas.dataset.field = card.field ? card.field.name : '';
    const g = canvas.getContext('2d');
    g.fillStyle = useDet ? '#fff' : '#000';
    g.fillRect(0, 0, w, h);
    g.drawImage(image, ox, oy, r.width * sx, r.height * sy);
    function path(points) {
      g.beginPath();
      points.forEach(function (p, k) {
        const x = ox + p[0] * sx, y = oy + p[1] * sy;
        if (k === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.closePath();
    }
    (r.blocks || []).forEach(function (b) {
      path(b.points);
      g.setLineDash([6, 4]);
      g.lineWidth = 1;
      g.strokeStyle = '#8e24aa';
      g.stroke();
      g.setLineDash([]);
    });
    const set = highlighted(card);
    linesOf(r).forEach(function (line, i) {
      path(line.points);
      const hl = set.has(i);
      g.lineWidth = hl ? 4 : 2;
      g.strokeStyle = hl ? '#ff9800' : '#1e88e5';
      if (hl) { g.fillStyle = 'rgba(255,193,7,0.35)'; g.fill(); }
      g.stroke();
    });
    if (card.field) {
      card.field.boxes.forEach(function (points) {
        path(points);
        g.lineWidth = 4;
        g.strokeStyle = '#2e7d32';
        g.fillStyle = 'rgba(76,175,80,0.3)';
        g.fill();
        g.stroke();
      });
    }
    canvas.dataset.boxes = String(linesOf(r).length);
    applyZoom(card);
  }

  function applyZoom(card) {
    const canvas = card.el.querySelector('canvas.page');
    const view = card.el.querySelector('.view');
    canvas.style.width = card.zoom ? Math.round(canvas.width * card.zoom) + 'px' : '100%';
    view.classList.toggle('zoomed', !!card.zoom);
    card.el.querySelector('.zoom-label').textContent = card.zoom ? Math.round(card.zoom * 100) + '%' : 'fit';
    card.el.querySelector('.fit').setAttribute('aria-pressed', card.zoom ? 'false' : 'true');
  }

  function zoomBy(card, factor) {
    const canvas = card.el.querySelector('canvas.page');
    const now = card.zoom || (canvas.clientWidth / canvas.width) || 1;
    card.zoom = Math.min(8, Math.max(0.1, now * factor));
    applyZoom(card);
  }

  function inside(points, x, y) {
    let hit = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const xi = points[i][0], yi = points[i][1], xj = points[j][0], yj = points[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) hit = !hit;
    }
    return hit;
  }

  function area(points) {
    let a = 0;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) a += (points[j][0] + points[i][0]) * (points[j][1] - points[i][1]);
    return Math.abs(a / 2);
  }

  /** A click on the page selects the smallest line box under it (or none) and shows that line in the list. */
  function canvasClick(card, e) {
    const canvas = e.currentTarget;
    const page = currentPage(card);
    if (!page || !card.transform) return;
    const rect = canvas.getBoundingClientRect();
    const cx = (e.clientX - rect.left) * canvas.width / rect.width;
    const cy = (e.clientY - rect.top) * canvas.height / rect.height;
    const t = card.transform;
    const x = (cx - t.ox) / t.sx, y = (cy - t.oy) / t.sy;
    let best = -1, bestArea = Infinity;
    linesOf(page).forEach(function (line, i) {
      if (inside(line.points, x, y)) {
        const a = area(line.points);
        if (a < bestArea) { best = i; bestArea = a; }
      }
    });
    select(card, best);
    const li = card.el.querySelector('.lines li.line[data-index="' + best + '"]');
    if (li) li.scrollIntoView({ block: 'nearest' });
  }

  function select(card, i) {
    card.selected = i;
    card.field = null;
    markLines(card);
    draw(card);
  }

  /** Scrolls the (zoomed) view so that the points are visible. */
  function reveal(card, points) {
    const view = card.el.querySelector('.view');
    const canvas = card.el.querySelector('canvas.page');
    if (!points || !points.length || !card.transform || canvas.hidden) return;
    const k = canvas.clientWidth / canvas.width;
    const t = card.transform;
    const ys = points.map(function (p) { return (t.oy + p[1] * t.sy) * k; });
    const xs = points.map(function (p) { return (t.ox + p[0] * t.sx) * k; });
    const top = Math.min.apply(null, ys), bottom = Math.max.apply(null, ys);
    const left = Math.min.apply(null, xs), right = Math.max.apply(null, xs);
    if (top < view.scrollTop || bottom > view.scrollTop + view.clientHeight) view.scrollTop = Math.max(0, top - view.clientHeight / 3);
    if (left < view.scrollLeft || right > view.scrollLeft + view.clientWidth) view.scrollLeft = Math.max(0, left - view.clientWidth / 3);
  }

  // ---- the side: lines, blocks, fields ----

  function lineItem(card, line, i) {
    const li = document.createElement('li');
    li.className = 'line';
    li.tabIndex = 0;
    li.dataset.index = String(i);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = line.text;
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = (line.score * 100).toFixed(1) + '%';
    li.appendChild(text); li.appendChild(score);
    li.addEventListener('mouseenter', function () { card.hover = i; markLines(card); draw(card); });
    li.addEventListener('mouseleave', function () { card.hover = -1; markLines(card); draw(card); });
    function choose() { select(card, card.selected === i ? -1 : i); if (card.selected === i) reveal(card, line.points); }
    li.addEventListener('click', choose);
    li.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); } });
    return li;
  }

  /** The rows of the fields table: fields, then key-value pairs, then line items. */
  function fieldRows(page) {
    const rows = [];
    const fields = page.fields || {};
    Object.keys(fields).forEach(function (name) {
      const f = fields[name];
      rows.push({ name: name, value: f.value, normalized: f.normalized, confidence: f.confidence, valid: f.valid,
        failed: f.failed, boxes: f.points ? [f.points] : [], lines: f.lines || [], note: [f.key && f.key !== name ? 'label "' + f.key + '"' : '', f.engine ? 'by ' + f.engine : ''].filter(Boolean).join(', ') });
    });
    (page.pairs || []).forEach(function (p, k) {
      rows.push({ name: p.key, value: p.value, confidence: p.confidence, valid: true, boxes: [p.key_points, p.value_points].filter(Boolean),
        lines: [], pair: k });
    });
    (page.items || []).forEach(function (it, k) {
      const value = it.description + (it.quantity != null ? ' x ' + it.quantity : '') + (it.amount != null ? ': ' + it.amount : '');
      rows.push({ name: 'item ' + (k + 1), value: value, valid: true, boxes: it.points ? [it.points] : [], lines: it.lines || [] });
    });
    return rows;
  }

  function showFields(card, page) {
    const table = card.el.querySelector('.fields');
    const body = table.querySelector('tbody');
    body.textContent = '';
    if (!page.fields && !page.pairs) { table.hidden = true; return; }
    table.hidden = false;
    const rows = fieldRows(page);
    table.querySelector('caption').textContent = (card.result.template || page.template || 'fields') +
      (card.result.engine === 'auto' ? ' (PP-OCR, then VLM' + (page.asked_vlm ? ' for ' + page.asked_vlm.join(', ') : '') + ')' : '') +
      (rows.length ? ': click a field to see it on the page' : ': no field found on this page') +
      (page.vlm_error ? '. The VLM failed: ' + page.vlm_error : '');
    rows.forEach(function (row) {
      const tr = document.createElement('tr');
      tr.tabIndex = 0;
      tr.dataset.name = row.name;
      const name = document.createElement('td');
      name.className = 'fname';
      name.textContent = row.name;
      const value = document.createElement('td');
      value.className = 'fvalue';
      value.textContent = row.value == null ? '' : String(row.value);
      if (row.normalized != null && row.normalized !== row.value) {
        const n = document.createElement('span');
        n.className = 'norm';
        n.textContent = row.normalized;
        value.appendChild(n);
      }
      if (row.note) {
        const n = document.createElement('span');
        n.className = 'norm';
        n.textContent = row.note;
        value.appendChild(n);
      }
      const conf = document.createElement('td');
      conf.className = 'fconf';
      conf.textContent = typeof row.confidence === 'number' ? (row.confidence * 100).toFixed(0) + '%' : '-';
      if (row.valid === false) {
        tr.classList.add('invalid');
        conf.textContent += ' (failed: ' + (row.failed || []).join(', ') + ')';
      }
      tr.appendChild(name); tr.appendChild(value); tr.appendChild(conf);
      function choose() {
        card.field = card.field && card.field.name === row.name ? null : row;
        card.selected = -1;
        markLines(card);
        draw(card);
        if (card.field && row.boxes.length) reveal(card, row.boxes[0]);
      }
      tr.addEventListener('click', choose);
      tr.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); choose(); } });
      body.appendChild(tr);
    });
  }

  function showPage(card) {
    const el = card.el;
    const page = currentPage(card);
    const pages = card.result.pages;
    el.querySelector('.pager').hidden = pages.length < 2;
    el.querySelector('.page-label').textContent = 'Page ' + page.page + ' (' + (card.pageIndex + 1) + ' of ' + pages.length + ')';
    el.querySelector('.prev').disabled = card.pageIndex === 0;
    el.querySelector('.next').disabled = card.pageIndex === pages.length - 1;
    const blocks = page.blocks || [];
    const facts = [];
    if (page.rotation) facts.push('turned ' + page.rotation + '° (read upright)');
    if (typeof page.skew === 'number' && Math.abs(page.skew) >= 0.05) facts.push('skew ' + page.skew.toFixed(1) + '°');
    if (page.blocks) facts.push(blocks.length + (blocks.length === 1 ? ' block' : ' blocks'));
    el.querySelector('.page-facts').textContent = facts.join(', ');
    const list = el.querySelector('.blocks');
    list.textContent = '';
    blocks.forEach(function (b) {
      const section = document.createElement('li');
      section.className = 'block ' + b.kind;
      const kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = b.kind;
      section.appendChild(kind);
      const ol = document.createElement('ol');
      ol.className = 'lines';
      b.lines.forEach(function (i) { ol.appendChild(lineItem(card, page.lines[i], i)); });
      section.appendChild(ol);
      list.appendChild(section);
    });
    card.hover = -1;
    card.selected = -1;
    card.field = null;
    showFields(card, page);
    draw(card);
  }

  function fetchFile(card, format, ext, type) {
    const q = query();
    q.set('format', format);
    const form = new FormData();
    form.append('image', card.file);
    fetch('v1/ocr?' + q.toString(), { method: 'POST', body: form, headers: headers() })
      .then(function (res) {
        if (!res.ok) return res.json().then(function (b) { throw new Error(friendly(res.status, b)); });
        return res.blob().then(function (blob) { saveBlob(card.base + ext, new Blob([blob], { type: type })); });
      })
      .catch(function (e) { showError(card, e); });
  }

  function showResult(card, result, ms) {
    card.result = result;
    card.pageIndex = 0;
    const el = card.el;
    const status = el.querySelector('.status');
    const n = result.pages.reduce(function (s, p) { return s + linesOf(p).length; }, 0);
    const nFields = result.pages.reduce(function (s, p) { return s + Object.keys(p.fields || {}).length; }, 0);
    const what = card.kind === 'extract' ? nFields + (nFields === 1 ? ' field' : ' fields') + (n ? ', ' + n + ' lines' : '') : n + ' lines';
    status.textContent = what + ' in ' + ms + ' ms' + (result.cached ? ' (cached)' : '') +
      (result.engine === 'vlm' ? ' by the VLM' + (result.model || (result.vlm && result.vlm.model) ? ' (' + (result.model || result.vlm.model) + ')' : '') : '') +
      (card.isPdf ? ', ' + result.pages.length + ' pages' : '');
    card.previews = result.pages.map(function (p) {
      if (!p.preview) return null;
      const img = new Image();
      img.onload = function () { draw(card); };
      img.src = p.preview;
      return img;
    });
    const copy = el.querySelector('.copy');
    copy.onclick = function () { copyText(allText(result)).then(function (ok) { feedback(copy, ok); }); };
    el.querySelector('.json').onclick = function () { download(card.base + '.json', 'application/json', JSON.stringify(result, null, 2)); };
    el.querySelector('.txt').onclick = function () { download(card.base + '.txt', 'text/plain', allText(result) + '\n'); };
    el.querySelector('.pdf').onclick = function () { fetchFile(card, 'pdf', '.pdf', 'application/pdf'); };
    el.querySelector('.hocr').onclick = function () { fetchFile(card, 'hocr', '.hocr', 'application/xhtml+xml'); };
    el.querySelector('.alto').onclick = function () { fetchFile(card, 'alto', '.alto.xml', 'application/xml'); };
    el.querySelector('.prev').onclick = function () { if (card.pageIndex > 0) { card.pageIndex--; showPage(card); } };
    el.querySelector('.next').onclick = function () { if (card.pageIndex < result.pages.length - 1) { card.pageIndex++; showPage(card); } };
    el.querySelectorAll('.actions button').forEach(function (b) { b.disabled = false; });
    // PP-OCR renders PDF, hOCR and ALTO on the server; a VLM answer is offered as JSON and text
    ['.pdf', '.hocr', '.alto'].forEach(function (s) { el.querySelector(s).hidden = card.engine === 'vlm'; });
    showPage(card);
  }

  function showError(card, e) {
    const s = card.el.querySelector('.status');
    s.textContent = e.message || String(e);
    s.classList.add('error');
    card.el.classList.add('error');
    // a file that could not be read has nothing to show but the message (a failed download keeps its result)
    if (!card.result) card.el.querySelector('.body').hidden = true;
  }

  function vlmTask(card, button, path, q, pick) {
    const out = card.el.querySelector('.vlm-out');
    const label = button.textContent;
    button.disabled = true;
    button.textContent = label + '...';
    out.hidden = false;
    out.classList.remove('error');
    out.textContent = 'Asking the VLM...';
    postJson(path, q, card.file)
      .then(function (body) { out.textContent = pick(body); out.dataset.task = path; })
      .catch(function (e) { out.textContent = e.message || String(e); out.classList.add('error'); })
      .then(function () { button.disabled = false; button.textContent = label; });
  }

  // ---- options and sending ----

  function query() {
    const q = new URLSearchParams();
    q.set('cls', document.getElementById('cls').checked ? 'true' : 'false');
    q.set('page_orientation', document.getElementById('orientation').checked ? 'true' : 'false');
    q.set('det_limit_side', document.getElementById('side').value || '960');
    q.set('preprocess', document.getElementById('preprocess').value || 'none');
    return q;
  }

  /** ppocr, vlm or auto (fields: the rules first, the VLM for what they miss); ppocr without a back end. */
  function engineChoice() { return server.vlm ? engineSel.value : 'ppocr'; }

  function useVlm() { return engineChoice() === 'vlm'; }

  /** What to extract: null for plain OCR, else [parameter, value]. */
  function extraction() {
    const opt = templateSel.selectedOptions[0];
    if (!opt || !opt.value) return null;
    if (opt.value === 'keys') return ['keys', keysInput.value];
    return [opt.dataset.parameter, opt.dataset.name];
  }

  function newCard(name) {
    const el = template.content.firstElementChild.cloneNode(true);
    el.querySelector('.name').textContent = name;
    const card = { el: el, file: null, result: null, image: null, previews: [], isPdf: false, pageIndex: 0,
      hover: -1, selected: -1, field: null, zoom: null, base: name.replace(/\.[^.]*$/, '') || 'lector' };
    el.querySelector('.dismiss').onclick = function () {
      el.remove();
      const k = cards.indexOf(card);
      if (k >= 0) cards.splice(k, 1);
    };
    el.querySelector('.fit').onclick = function () { card.zoom = null; applyZoom(card); };
    el.querySelector('.actual').onclick = function () { card.zoom = 1; applyZoom(card); };
    el.querySelector('.zoom-in').onclick = function () { zoomBy(card, 1.25); };
    el.querySelector('.zoom-out').onclick = function () { zoomBy(card, 1 / 1.25); };
    el.querySelector('canvas.page').addEventListener('click', function (e) { canvasClick(card, e); });
    results.prepend(el);
    cards.push(card);
    return card;
  }

  function send(file) {
    const card = newCard(file.name || 'pasted image');
    const el = card.el;
    card.file = file;
    el.querySelector('.status').textContent = 'Reading...';
    el.querySelectorAll('.actions button').forEach(function (b) { b.disabled = true; });
    const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    card.isPdf = isPdf;
    const engine = engineChoice();
    card.engine = engine === 'vlm' ? 'vlm' : 'ppocr'; // auto reads the page with PP-OCR
    const fields = extraction();
    card.kind = fields ? 'extract' : 'ocr';
    // shown once the server reports a VLM back end (showVlm), which may come after this card
    el.querySelector('.vlm-actions').hidden = !server.vlm;
    el.querySelector('.translate').onclick = function (e) {
      const q = new URLSearchParams();
      q.set('to', el.querySelector('.to').value);
      vlmTask(card, e.currentTarget, 'v1/translate', q, function (b) { return b.text; });
    };
    el.querySelector('.parse').onclick = function (e) {
      vlmTask(card, e.currentTarget, 'v1/parse', new URLSearchParams(), function (b) { return b.markdown; });
    };
    if (!isPdf && file.type.indexOf('image/') === 0) {
      const img = new Image();
      img.onload = function () { card.image = img; draw(card); };
      img.src = URL.createObjectURL(file);
      const preset = document.getElementById('preprocess').value;
      if (preset && preset !== 'none' && card.engine === 'ppocr') {
        // the detector's view shows the page as the clean-up left it
        const pf = new FormData();
        pf.append('image', file);
        fetch('v1/preprocess?preset=' + encodeURIComponent(preset), { method: 'POST', body: pf, headers: headers() })
          .then(function (res) { return res.ok ? res.blob() : null; })
          .then(function (blob) {
            if (!blob) return;
            const cleaned = new Image();
            cleaned.onload = function () { card.cleaned = cleaned; draw(card); };
            cleaned.src = URL.createObjectURL(blob);
          });
      }
    }
    const q = query();
    if (isPdf) q.set('page_images', 'true');
    if (engine === 'vlm') q.set('engine', 'vlm');
    else if (engine === 'auto' && fields) q.set('engine', 'auto');
    if (fields) q.set(fields[0], fields[1]);
    const t0 = performance.now();
    postJson(fields ? 'v1/extract' : 'v1/ocr', q, file)
      .then(function (body) { showResult(card, body, Math.round(performance.now() - t0)); })
      .catch(function (e) { showError(card, e); });
  }

  function sendAll(files) { Array.prototype.forEach.call(files, send); }

  // ---- what the server offers: version, templates, VLM ----

  function getJson(path) {
    return fetch(path, { headers: headers() }).then(function (res) { return res.ok ? res.json() : null; }).catch(function () { return null; });
  }

  function loadServerInfo() {
    delete document.body.dataset.info;
    const models = getJson('v1/models').then(function (m) {
      const v = document.getElementById('version');
      v.textContent = m && m.version ? 'Lector ' + m.version + (m.commit && m.commit !== 'unknown' ? ' (commit ' + m.commit + ')' : '') : 'Lector';
      if (m && m.vlm) showVlm(m.vlm);
    });
    const ready = getJson('health/ready').then(function (r) { if (r && r.vlm) showVlm(r.vlm); });
    const templates = getJson('v1/templates').then(function (t) {
      if (!t || !t.templates) return;
      const keep = templateSel.value;
      templateSel.querySelectorAll('option[data-name]').forEach(function (o) { o.remove(); });
      const keysOpt = templateSel.querySelector('option[value="keys"]');
      t.templates.forEach(function (tp) {
        const o = document.createElement('option');
        o.value = tp.parameter + ':' + tp.name;
        o.dataset.parameter = tp.parameter;
        o.dataset.name = tp.name;
        o.dataset.kind = tp.kind || '';
        o.textContent = tp.name + (tp.source === 'folder' ? ' (server folder)' : '');
        if (tp.fields && tp.fields.length) o.title = tp.fields.join(', ');
        templateSel.insertBefore(o, keysOpt);
      });
      templateSel.value = keep;
      if (templateSel.value !== keep) templateSel.value = '';
      syncOptions();
    });
    // for tests and scripts: everything the server was asked about has been answered
    Promise.all([models, ready, templates]).then(function () { document.body.dataset.info = 'loaded'; });
  }

  function showVlm(vlm) {
    server.vlm = true;
    engineBox.hidden = false;
    const opt = engineSel.querySelector('option[value="vlm"]');
    const facts = [vlm.model, vlm.reachable === false ? 'unreachable' : ''].filter(Boolean);
    opt.textContent = 'VLM' + (facts.length ? ' (' + facts.join(', ') + ')' : '');
    opt.title = vlm.message || vlm.url || '';
    cards.forEach(function (c) { if (c.file) c.el.querySelector('.vlm-actions').hidden = false; });
  }

  /**
   * The VLM alone extracts caller-named keys only, auto needs named fields (no kv or MRZ templates);
   * PP-OCR's tuning options do not apply to the VLM.
   */
  function syncOptions() {
    const engine = engineChoice();
    const vlm = engine === 'vlm';
    templateSel.querySelectorAll('option[data-name]').forEach(function (o) {
      o.disabled = vlm || (engine === 'auto' && o.dataset.kind !== 'fields');
    });
    if (vlm && templateSel.selectedOptions[0] && templateSel.selectedOptions[0].disabled) templateSel.value = 'keys';
    keysBox.hidden = templateSel.value !== 'keys';
    ['cls', 'orientation', 'side', 'preprocess', 'detInput'].forEach(function (id) { document.getElementById(id).disabled = vlm; });
  }

  // ---- input: picker (mouse and keyboard), drop anywhere, paste ----

  pick.addEventListener('click', function () { input.click(); });
  drop.addEventListener('keydown', function (e) {
    if (e.target === drop && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); input.click(); }
  });
  input.addEventListener('change', function () { sendAll(input.files); input.value = ''; });

  function hasFiles(e) {
    return !!e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0;
  }
  // a file dropped anywhere is read here: without preventDefault the browser would open it and lose the results
  document.addEventListener('dragover', function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', function (e) {
    if (!e.relatedTarget) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', function (e) {
    document.body.classList.remove('dragging');
    drop.classList.remove('over');
    if (!hasFiles(e)) return;
    e.preventDefault();
    sendAll(e.dataTransfer.files);
  });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { if (hasFiles(e)) { e.preventDefault(); drop.classList.add('over'); } });
  });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });

  document.addEventListener('paste', function (e) {
    const data = e.clipboardData;
    if (!data) return;
    const files = [];
    Array.prototype.forEach.call(data.items || [], function (item) {
      if (item.kind === 'file') { const f = item.getAsFile(); if (f) files.push(f); }
    });
    if (!files.length && data.files) Array.prototype.push.apply(files, data.files);
    if (!files.length) return; // text pastes go to the focused field as usual
    e.preventDefault();
    files.forEach(function (f, k) {
      // a screenshot comes as "image.png": name it so the card and downloads tell pastes apart
      const name = !f.name || f.name === 'image.png' ? 'pasted-' + (cards.length + k + 1) + '.' + ((f.type.split('/')[1] || 'png').replace('jpeg', 'jpg')) : f.name;
      send(name === f.name ? f : new File([f], name, { type: f.type }));
    });
  });

  detInput.addEventListener('change', function () { cards.forEach(draw); });
  engineSel.addEventListener('change', syncOptions);
  templateSel.addEventListener('change', syncOptions);
  apiKey.addEventListener('change', loadServerInfo);
  syncOptions();
  loadServerInfo();
})();
