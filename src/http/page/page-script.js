// The one script of Tessera's public pages, served from Tessera's own origin and allowed by a
// per-response nonce. Pages work fully without it; it only adds what needs a browser:
// times in the visitor's own zone (kept current), copy buttons, and a live status: an element with
// data-live-status="{url}" polls that same-origin URL for {status} while its data-status is
// "pending", and shows only its [data-when] children that name the current status.
(function () {
  'use strict';
  var MINUTE = 60000;
  var HOUR = 60 * MINUTE;
  var DAY = 24 * HOUR;
  var EXACT = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };

  // The page's language, in the visitor's own variant of it when the browser names one (en-GB, de-AT).
  function langOf(el) {
    var owner = el.closest('[lang]');
    var lang = (owner && owner.getAttribute('lang')) || 'en';
    var primary = lang.split('-')[0].toLowerCase();
    var preferred = (navigator.languages || []).filter(function (l) {
      return l.split('-')[0].toLowerCase() === primary;
    })[0];
    return preferred || lang;
  }

  function relative(lang, at, now) {
    var diff = at - now;
    var abs = Math.abs(diff);
    var format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    if (abs < MINUTE) return format.format(Math.round(diff / 1000), 'second');
    if (abs < HOUR) return format.format(Math.round(diff / MINUTE), 'minute');
    if (abs < DAY) return format.format(Math.round(diff / HOUR), 'hour');
    // Days by the visitor's calendar, as the exact time beside it: "tomorrow" names that date.
    return format.format(Math.round((localDay(at) - localDay(now)) / DAY), 'day');
  }

  // Midnight UTC of the visitor's local date of `t`: a day count immune to daylight-saving hours.
  function localDay(t) {
    var d = new Date(t);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  }

  function renderTimes() {
    var now = Date.now();
    var soonest = Infinity;
    document.querySelectorAll('time[data-time]').forEach(function (el) {
      var at = Date.parse(el.getAttribute('datetime'));
      if (isNaN(at)) return;
      var lang = langOf(el);
      var rel = el.querySelector('[data-relative]');
      var exact = el.querySelector('[data-exact]');
      if (rel) rel.textContent = relative(lang, at, now);
      if (exact && !el.hasAttribute('data-localised')) {
        exact.textContent = new Intl.DateTimeFormat(lang, EXACT).format(at);
        el.setAttribute('data-localised', '');
      }
      // A countdown whose moment has passed says so instead of "expires 3 seconds ago".
      var countdown = el.closest('[data-ended-text]');
      if (countdown && at <= now) {
        countdown.textContent = countdown.getAttribute('data-ended-text');
        countdown.removeAttribute('data-ended-text');
        return;
      }
      soonest = Math.min(soonest, Math.abs(at - now));
    });
    if (soonest === Infinity) return;
    // Seconds tick while they are shown; minutes and hours need far fewer updates.
    setTimeout(renderTimes, soonest < 2 * MINUTE ? 1000 : 15000);
  }

  function copyBySelection(target) {
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    return ok;
  }

  function setupCopy(button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target) return;
    var status = button.parentElement.querySelector('[data-copy-status]');
    var label = button.querySelector('[data-copy-label]') || button;
    var idle = label.textContent;
    var timer;
    function say(text, done) {
      label.textContent = text;
      if (status) status.textContent = text;
      button.classList.toggle('is-done', done);
      clearTimeout(timer);
      timer = setTimeout(function () {
        label.textContent = idle;
        if (status) status.textContent = '';
        button.classList.remove('is-done');
      }, 2500);
    }
    button.addEventListener('click', function () {
      var text = target.textContent;
      var done = function () {
        say(button.getAttribute('data-copied'), true);
      };
      var fallback = function () {
        if (copyBySelection(target)) done();
        else say(button.getAttribute('data-copy-failed'), false);
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
    button.hidden = false;
  }

  function setupLiveStatus(root) {
    var url = root.getAttribute('data-live-status');
    var current = root.getAttribute('data-status');
    function show(status) {
      root.setAttribute('data-status', status);
      root.querySelectorAll('[data-when]').forEach(function (el) {
        el.hidden = el.getAttribute('data-when').split(' ').indexOf(status) === -1;
      });
    }
    function poll() {
      fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store', credentials: 'omit' })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(
          function (body) {
            if (body && typeof body.status === 'string' && body.status !== current) {
              current = body.status;
              show(current);
            }
            if (current === 'pending') setTimeout(poll, document.hidden ? 15000 : 4000);
          },
          function () {
            setTimeout(poll, 15000);
          },
        );
    }
    if (current === 'pending') setTimeout(poll, 4000);
  }

  function start() {
    document.querySelectorAll('button[data-copy]').forEach(setupCopy);
    document.querySelectorAll('[data-live-status]').forEach(setupLiveStatus);
    renderTimes();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
