// Lector web page: upload files to /v1/ocr, draw the boxes over the page image, list the lines
// block by block; PDFs show each page's preview with a page switcher.
(function () {
  'use strict';
  const drop = document.getElementById('drop');
  const input = document.getElementById('files');
  const results = document.getElementById('results');
  const template = document.getElementById('card');
  const detInput = document.getElementById('detInput');
  const cards = [];

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
      503: 'The server is not ready or is shutting down.',
      504: 'The server took too long on this file.'
    };
    return (hints[status] || 'Error ' + status + '.') + (msg ? ' (' + code + ': ' + msg + ')' : '');
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

  function allText(result) { return result.text; }

  function currentPage(card) { return card.result ? card.result.pages[card.pageIndex] : null; }

  function draw(card) {
    const canvas = card.el.querySelector('canvas.page');
    const r = currentPage(card);
    const useDetView = detInput.checked && !card.isPdf;
    const image = card.isPdf ? card.previews[card.pageIndex] : (useDetView && card.cleaned ? card.cleaned : card.image);
    if (!image || !r) { canvas.hidden = true; return; }
    canvas.hidden = false;
    const useDet = detInput.checked && r.det_input && !card.isPdf;
    const w = useDet ? r.det_input.width : r.width;
    const h = useDet ? r.det_input.height : r.height;
    // the detector saw the page inside a white margin (det_input.pad, in page pixels), resized to its input size
    const pad = useDet ? (r.det_input.pad || 0) : 0;
    const sx = w / (r.width + 2 * pad), sy = h / (r.height + 2 * pad);
    const ox = pad * sx, oy = pad * sy;
    canvas.width = w; canvas.height = h;
    canvas.dataset.mode = useDet ? 'det' : 'image';
    canvas.dataset.cleaned = useDet && card.cleaned ? 'true' : 'false';
    canvas.dataset.page = String(r.page);
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
    r.blocks.forEach(function (b) {
      path(b.points);
      g.setLineDash([6, 4]);
      g.lineWidth = 1;
      g.strokeStyle = '#8e24aa';
      g.stroke();
      g.setLineDash([]);
    });
    r.lines.forEach(function (line, i) {
      path(line.points);
      const hl = card.highlight === i;
      g.lineWidth = hl ? 4 : 2;
      g.strokeStyle = hl ? '#ff9800' : '#1e88e5';
      if (hl) { g.fillStyle = 'rgba(255,193,7,0.35)'; g.fill(); }
      g.stroke();
    });
    canvas.dataset.boxes = String(r.lines.length);
  }

  function lineItem(card, line, i) {
    const li = document.createElement('li');
    li.className = 'line';
    li.dataset.index = String(i);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = line.text;
    const score = document.createElement('span');
    score.className = 'score';
    score.textContent = (line.score * 100).toFixed(1) + '%';
    li.appendChild(text); li.appendChild(score);
    li.addEventListener('mouseenter', function () { card.highlight = i; li.classList.add('hl'); draw(card); });
    li.addEventListener('mouseleave', function () { card.highlight = -1; li.classList.remove('hl'); draw(card); });
    return li;
  }

  function showPage(card) {
    const el = card.el;
    const page = currentPage(card);
    const pages = card.result.pages;
    el.querySelector('.pager').hidden = pages.length < 2;
    el.querySelector('.page-label').textContent = 'Page ' + page.page + ' (' + (card.pageIndex + 1) + ' of ' + pages.length + ')';
    el.querySelector('.prev').disabled = card.pageIndex === 0;
    el.querySelector('.next').disabled = card.pageIndex === pages.length - 1;
    const facts = [];
    if (page.rotation) facts.push('turned ' + page.rotation + '° (read upright)');
    if (Math.abs(page.skew) >= 0.05) facts.push('skew ' + page.skew.toFixed(1) + '°');
    facts.push(page.blocks.length + (page.blocks.length === 1 ? ' block' : ' blocks'));
    el.querySelector('.page-facts').textContent = facts.join(', ');
    const list = el.querySelector('.blocks');
    list.textContent = '';
    page.blocks.forEach(function (b) {
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
    card.highlight = -1;
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
    const n = result.pages.reduce(function (s, p) { return s + p.lines.length; }, 0);
    status.textContent = n + ' lines in ' + ms + ' ms' + (result.cached ? ' (cached)' : '') +
      (card.isPdf ? ', ' + result.pages.length + ' pages' : '');
    card.previews = result.pages.map(function (p) {
      if (!p.preview) return null;
      const img = new Image();
      img.onload = function () { draw(card); };
      img.src = p.preview;
      return img;
    });
    el.querySelector('.copy').onclick = function () {
      if (navigator.clipboard) navigator.clipboard.writeText(allText(result)).catch(function () {});
    };
    el.querySelector('.json').onclick = function () { download(card.base + '.json', 'application/json', JSON.stringify(result, null, 2)); };
    el.querySelector('.txt').onclick = function () { download(card.base + '.txt', 'text/plain', allText(result) + '\n'); };
    el.querySelector('.pdf').onclick = function () { fetchFile(card, 'pdf', '.pdf', 'application/pdf'); };
    el.querySelector('.hocr').onclick = function () { fetchFile(card, 'hocr', '.hocr', 'application/xhtml+xml'); };
    el.querySelector('.alto').onclick = function () { fetchFile(card, 'alto', '.alto.xml', 'application/xml'); };
    el.querySelector('.prev').onclick = function () { if (card.pageIndex > 0) { card.pageIndex--; showPage(card); } };
    el.querySelector('.next').onclick = function () { if (card.pageIndex < result.pages.length - 1) { card.pageIndex++; showPage(card); } };
    el.querySelectorAll('.actions button').forEach(function (b) { b.disabled = false; });
    showPage(card);
  }

  function showError(card, e) {
    const s = card.el.querySelector('.status');
    s.textContent = e.message || String(e);
    s.classList.add('error');
  }

  function query() {
    const q = new URLSearchParams();
    q.set('cls', document.getElementById('cls').checked ? 'true' : 'false');
    q.set('page_orientation', document.getElementById('orientation').checked ? 'true' : 'false');
    q.set('det_limit_side', document.getElementById('side').value || '960');
    q.set('preprocess', document.getElementById('preprocess').value || 'none');
    return q;
  }

  function headers() {
    const h = {};
    const key = document.getElementById('apiKey').value.trim();
    if (key) h.Authorization = 'Bearer ' + key;
    return h;
  }

  function send(file) {
    const el = template.content.firstElementChild.cloneNode(true);
    el.querySelector('.name').textContent = file.name;
    el.querySelector('.status').textContent = 'Reading...';
    el.querySelectorAll('.actions button').forEach(function (b) { b.disabled = true; });
    results.prepend(el);
    const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    const card = { el: el, file: file, result: null, image: null, previews: [], isPdf: isPdf, pageIndex: 0,
      highlight: -1, base: file.name.replace(/\.[^.]*$/, '') || 'lector' };
    cards.push(card);
    if (!isPdf && file.type.indexOf('image/') === 0) {
      const img = new Image();
      img.onload = function () { card.image = img; draw(card); };
      img.src = URL.createObjectURL(file);
      const preset = document.getElementById('preprocess').value;
      if (preset && preset !== 'none') {
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
    const form = new FormData();
    form.append('image', file);
    const q = query();
    if (isPdf) q.set('page_images', 'true');
    const t0 = performance.now();
    fetch('v1/ocr?' + q.toString(), { method: 'POST', body: form, headers: headers() })
      .then(function (res) {
        return res.text().then(function (text) {
          let body = null;
          try { body = JSON.parse(text); } catch (e) { body = null; }
          if (!res.ok) throw new Error(friendly(res.status, body));
          if (!body) throw new Error('The server answered with something that is not JSON.');
          showResult(card, body, Math.round(performance.now() - t0));
        });
      })
      .catch(function (e) { showError(card, e); });
  }

  function sendAll(files) { Array.prototype.forEach.call(files, send); }

  input.addEventListener('change', function () { sendAll(input.files); input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (e) { if (e.dataTransfer) sendAll(e.dataTransfer.files); });
  detInput.addEventListener('change', function () { cards.forEach(draw); });
})();
