/* capexwatch review: the queue by keyboard (Prodigy-style: one item in focus, one key per decision).
 * Shipped with the app and loaded from 'self': the Content-Security-Policy forbids inline script.
 * Every decision is an ordinary form post, so the page works without this file too. */
(function () {
  'use strict';

  document.documentElement.classList.add('js');
  var items = Array.prototype.slice.call(document.querySelectorAll('.item'));
  var index = 0;

  function focusItem(i, scroll) {
    if (!items.length) { return; }
    index = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (item, k) { item.classList.toggle('focused', k === index); });
    if (scroll !== false) { items[index].scrollIntoView({block: 'nearest'}); }
  }

  function submit(form) {
    if (!form || form.dataset.sent) { return; }
    form.dataset.sent = '1';
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  function current() { return items[index]; }

  function openReject(item) {
    var input = item && item.querySelector('form.reject input[name=reason]');
    if (!input) { return; }
    item.classList.add('rejecting');
    input.focus();
  }

  function openCorrect(item) {
    var details = item && item.querySelector('details.correct');
    if (!details) { return; }
    details.open = true;
    var input = details.querySelector('input[name=amount]');
    if (input) { input.focus(); input.select(); }
  }

  function closeForms() {
    items.forEach(function (item) {
      item.classList.remove('rejecting');
      var details = item.querySelector('details.correct');
      if (details) { details.open = false; }
    });
  }

  function updateSelected() {
    var count = document.querySelectorAll('input.pick:checked').length;
    var shown = document.getElementById('selected-count');
    if (shown) { shown.textContent = String(count); }
    var bulk = document.getElementById('bulk');
    if (bulk) { bulk.classList.toggle('active', count > 0); }
    return count;
  }

  function bulk(action) {
    var form = document.getElementById('bulk');
    if (!form || !updateSelected()) { return; }
    if (action === 'reject') {
      var reason = form.querySelector('input[name=reason]');
      if (!reason.value.trim()) { reason.focus(); return; }
    }
    var button = form.querySelector('button[value=' + action + ']');
    if (button && !form.dataset.sent) { form.dataset.sent = '1'; form.requestSubmit(button); }
  }

  var wanted = document.body.dataset.focus;
  var start = 0;
  items.forEach(function (item, k) { if (item.dataset.id === wanted) { start = k; } });
  focusItem(start, Boolean(wanted));

  items.forEach(function (item, k) {
    item.addEventListener('click', function () { focusItem(k, false); });
  });
  /* A click on Reject with no reason typed opens the reason field instead of failing silently. */
  document.querySelectorAll('form.reject').forEach(function (form) {
    form.noValidate = true;  /* the browser cannot point at a hidden required field; this handler does */
    form.addEventListener('submit', function (event) {
      var reason = form.querySelector('input[name=reason]');
      if (reason && !reason.value.trim()) {
        event.preventDefault();
        delete form.dataset.sent;
        var item = form.closest('.item');
        if (item) { item.classList.add('rejecting'); }
        reason.focus();
      }
    });
  });
  document.querySelectorAll('input.pick').forEach(function (box) {
    box.addEventListener('change', updateSelected);
  });
  updateSelected();

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target.matches && target.matches('input:not([type=checkbox]), textarea, select');
    if (typing) {
      if (event.key === 'Escape') { target.blur(); closeForms(); }
      return;  /* Enter submits the form being typed in, as browsers do */
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var item = current();
    switch (event.key) {
      case 'j': case 'ArrowDown': focusItem(index + 1); break;
      case 'k': case 'ArrowUp': focusItem(index - 1); break;
      case 'a': if (item) { submit(item.querySelector('form.approve')); } break;
      case 'x': openReject(item); break;
      case 'c': openCorrect(item); break;
      case 'o': if (item && item.dataset.articleUrl) { window.open(item.dataset.articleUrl, '_blank', 'noopener'); } break;
      case 'f': if (item && item.dataset.figureUrl && !document.body.classList.contains('page-figure')) { window.location.assign(item.dataset.figureUrl); } break;
      case 'u': case 'Backspace': submit(document.getElementById('undo-form')); break;
      case ' ': if (item) { var box = item.querySelector('input.pick'); if (box) { box.checked = !box.checked; updateSelected(); } } break;
      case 'A': bulk('approve'); break;
      case 'X': bulk('reject'); break;
      case '?': var keys = document.getElementById('keys'); if (keys) { keys.classList.toggle('open'); } break;
      case 'Escape': closeForms(); break;
      default: return;
    }
    event.preventDefault();
  });
}());
