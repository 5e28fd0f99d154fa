// The workbench's countdowns move here, in the browser, every second. The server draws each countdown with its
// deadline and the instant it drew it (data-due, data-warn, data-now: ms since 1970; data-breached, data-warned: the
// ledger's flags) and redraws a page only when its cases change: a queue of 200 rows redrawn every second on every
// open page was most of what 300 sessions cost the host. The rules are Countdown.cs's (StateAt, Label, Span, TagClass);
// a browser test compares the two. The words come from the page (<body data-countdown-*>), in the user's language.
(() => {
  const states = { breached: 'ant-tag-red', warned: 'ant-tag-orange', running: 'ant-tag-green' };
  const two = n => String(n).padStart(2, '0');

  function span(ms, words) {
    const seconds = Math.floor(Math.abs(ms) / 1000);
    const days = Math.floor(seconds / 86400);
    const clock = `${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
    return days > 0 ? words.countdownDays.replace('{0}', days) + clock : clock;
  }

  function label(now, due, words) {
    return now >= due
      ? words.countdownOverdue.replace('{0}', span(now - due, words))
      : words.countdownRemaining.replace('{0}', span(due - now, words));
  }

  function state(now, due, warn, breached, warned) {
    if (breached || now >= due) return 'breached';
    return warned || (warn !== null && now >= warn) ? 'warned' : 'running';
  }

  function draw(element, clientNow, words) {
    const data = element.dataset;
    if (element.drawnAt !== data.now) {
      // Redrawn by the server: its clock, not the browser's, says where the countdown stands.
      element.drawnAt = data.now;
      element.skew = Number(data.now) - clientNow;
    }

    const now = clientNow + element.skew;
    const due = Number(data.due);
    const text = element.firstChild;
    const next = label(now, due, words);
    if (text && text.nodeType === Node.TEXT_NODE && text.nodeValue !== next) {
      text.nodeValue = next; // the server's own text node, changed in place, so the circuit's next redraw finds it
    }

    const nowState = state(now, due, data.warn ? Number(data.warn) : null, data.breached === 'true', data.warned === 'true');
    if (data.state !== nowState) {
      element.classList.remove(states[data.state]);
      element.classList.add(states[nowState]);
      data.state = nowState;
    }
  }

  function tick() {
    const words = document.body.dataset;
    const clientNow = Date.now();
    for (const element of document.querySelectorAll('.countdown[data-due]')) {
      draw(element, clientNow, words);
    }
  }

  window.complaintsCountdown = { label, state }; // for the test that compares them with Countdown
  setInterval(tick, 1000);
})();
