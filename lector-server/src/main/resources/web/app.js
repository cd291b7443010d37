// Lector web page: upload files to /v1/ocr, draw the boxes over the image, list the lines.
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

  function download(name, type, text) {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function pagesOf(result) { return result.pages; }

  function allText(result) { return pagesOf(result).map(function (p) { return p.text; }).join('\n\f\n'); }

  function draw(card) {
    const canvas = card.el.querySelector('canvas.page');
    const res = card.result;
    if (!card.image || !res || res.pages.length !== 1) { canvas.hidden = true; return; }
    const r = res.pages[0];
    canvas.hidden = false;
    const useDet = detInput.checked && r.det_input;
    const w = useDet ? r.det_input.width : r.width;
    const h = useDet ? r.det_input.height : r.height;
    // the detector saw the page inside a white margin (det_input.pad, in page pixels), resized to its input size
    const pad = useDet ? (r.det_input.pad || 0) : 0;
    const sx = w / (r.width + 2 * pad), sy = h / (r.height + 2 * pad);
    const ox = pad * sx, oy = pad * sy;
    canvas.width = w; canvas.height = h;
    canvas.dataset.mode = useDet ? 'det' : 'image';
    const g = canvas.getContext('2d');
    g.fillStyle = useDet ? '#fff' : '#000';
    g.fillRect(0, 0, w, h);
    g.drawImage(card.image, ox, oy, r.width * sx, r.height * sy);
    r.lines.forEach(function (line, i) {
      g.beginPath();
      line.points.forEach(function (p, k) {
        const x = ox + p[0] * sx, y = oy + p[1] * sy;
        if (k === 0) g.moveTo(x, y); else g.lineTo(x, y);
      });
      g.closePath();
      const hl = card.highlight === i;
      g.lineWidth = hl ? 4 : 2;
      g.strokeStyle = hl ? '#ff9800' : '#1e88e5';
      if (hl) { g.fillStyle = 'rgba(255,193,7,0.35)'; g.fill(); }
      g.stroke();
    });
    canvas.dataset.boxes = String(r.lines.length);
  }

  function showResult(card, result, ms) {
    card.result = result;
    const el = card.el;
    const status = el.querySelector('.status');
    const n = pagesOf(result).reduce(function (s, p) { return s + p.lines.length; }, 0);
    status.textContent = n + ' lines in ' + ms + ' ms' + (result.cached ? ' (cached)' : '') +
      (card.image ? '' : ', ' + result.pages.length + ' pages');
    const list = el.querySelector('.lines');
    list.textContent = '';
    pagesOf(result).forEach(function (page, pi) {
      if (!card.image) {
        const t = document.createElement('li');
        t.className = 'page-title';
        t.textContent = 'Page ' + page.page;
        list.appendChild(t);
      }
      page.lines.forEach(function (line, i) {
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
        if (card.image) {
          li.addEventListener('mouseenter', function () { card.highlight = i; li.classList.add('hl'); draw(card); });
          li.addEventListener('mouseleave', function () { card.highlight = -1; li.classList.remove('hl'); draw(card); });
        }
        list.appendChild(li);
      });
    });
    const base = card.file.name.replace(/\.[^.]*$/, '') || 'lector';
    el.querySelector('.copy').onclick = function () {
      const text = allText(result);
      if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});
    };
    el.querySelector('.json').onclick = function () { download(base + '.json', 'application/json', JSON.stringify(result, null, 2)); };
    el.querySelector('.txt').onclick = function () { download(base + '.txt', 'text/plain', allText(result) + '\n'); };
    el.querySelectorAll('.actions button').forEach(function (b) { b.disabled = false; });
    draw(card);
  }

  function send(file) {
    const el = template.content.firstElementChild.cloneNode(true);
    el.querySelector('.name').textContent = file.name;
    el.querySelector('.status').textContent = 'Reading...';
    el.querySelectorAll('.actions button').forEach(function (b) { b.disabled = true; });
    results.prepend(el);
    const card = { el: el, file: file, result: null, image: null, highlight: -1 };
    cards.push(card);
    if (file.type.indexOf('image/') === 0) {
      const img = new Image();
      img.onload = function () { card.image = img; draw(card); };
      img.src = URL.createObjectURL(file);
    }
    const form = new FormData();
    form.append('image', file);
    const q = new URLSearchParams();
    q.set('cls', document.getElementById('cls').checked ? 'true' : 'false');
    q.set('det_limit_side', document.getElementById('side').value || '960');
    const headers = {};
    const key = document.getElementById('apiKey').value.trim();
    if (key) headers.Authorization = 'Bearer ' + key;
    const t0 = performance.now();
    fetch('v1/ocr?' + q.toString(), { method: 'POST', body: form, headers: headers })
      .then(function (res) {
        return res.text().then(function (text) {
          let body = null;
          try { body = JSON.parse(text); } catch (e) { body = null; }
          if (!res.ok) throw new Error(friendly(res.status, body));
          if (!body) throw new Error('The server answered with something that is not JSON.');
          showResult(card, body, Math.round(performance.now() - t0));
        });
      })
      .catch(function (e) {
        const s = el.querySelector('.status');
        s.textContent = e.message || String(e);
        s.classList.add('error');
      });
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
