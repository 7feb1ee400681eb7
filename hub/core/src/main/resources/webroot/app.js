// Tend's dashboard: plain JavaScript, no build step. Talks to the hub's REST API with the bearer token
// and follows /api/events (read with fetch, since EventSource cannot send the Authorization header).
'use strict';

(() => {
  const TOKEN_KEY = 'tend.token';
  const PERSON_KEY = 'tend.person';
  const $ = (id) => document.getElementById(id);

  const state = {
    token: null,
    person: null,
    persons: [],
    now: null,
    chart: null,
    dayStart: 0,
    series: { t: [], hr: [], score: [] },
    sessions: [],
    marks: [],
    stream: null,
    timer: null,
    personsAsked: 0,
  };

  // ---- token and API ------------------------------------------------------------------------

  function tokenFromFragment() {
    const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (!match) {
      return null;
    }
    history.replaceState(null, '', location.pathname + location.search);
    return decodeURIComponent(match[1]);
  }

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    const headers = { Authorization: 'Bearer ' + state.token };
    let body;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(path, { method: options.method || 'GET', headers, body });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (response.status === 401) {
      signOut('The hub refused the token: ' + (data && data.error ? data.error : 'unauthorized'));
      throw new ApiError(401, 'unauthorized');
    }
    if (!response.ok) {
      throw new ApiError(response.status, data && data.error ? data.error : 'HTTP ' + response.status);
    }
    return data;
  }

  function notice(text, bad) {
    const el = $('notice');
    el.textContent = text;
    el.classList.toggle('bad', Boolean(bad));
    el.hidden = !text;
  }

  /** Shows an API refusal to the person; anything else is a bug, logged as such. */
  function failed(what) {
    return (error) => {
      if (error instanceof ApiError) {
        if (error.status !== 401) {
          notice(what + ': ' + error.message, true);
        }
      } else {
        notice(what + ' failed; see the browser console.', true);
        console.error(what, error);
      }
    };
  }

  // ---- signing in ---------------------------------------------------------------------------

  function signOut(message) {
    localStorage.removeItem(TOKEN_KEY);
    state.token = null;
    if (state.stream) {
      state.stream.abort();
      state.stream = null;
    }
    $('app').hidden = true;
    $('login').hidden = false;
    $('person').hidden = true;
    setHubState('signed out', '');
    const error = $('login-error');
    error.textContent = message || '';
    error.hidden = !message;
  }

  function setupLogin() {
    $('login').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token').value.trim();
      if (!token) {
        return;
      }
      localStorage.setItem(TOKEN_KEY, token);
      $('token').value = '';
      start(token);
    });
  }

  async function start(token) {
    state.token = token;
    $('login').hidden = true;
    try {
      await refreshStatus();
      state.persons = await api('/api/persons');
    } catch (error) {
      failed('Loading the hub')(error);
      return;
    }
    $('app').hidden = false;
    fillPersons();
    follow();
    refreshPlugins();
    if (!state.timer) {
      state.timer = setInterval(() => {
        if (state.token) {
          refreshStatus().catch(failed('Hub status'));
          refreshPlugins();
          refreshNow();
        }
      }, 30000);
    }
  }

  async function refreshStatus() {
    const status = await api('/api/status');
    setHubState(status.ready ? 'hub ready' : 'hub not ready', status.ready ? 'ok' : 'bad');
  }

  function setHubState(text, kind) {
    const pill = $('hub-state');
    pill.textContent = text;
    pill.className = 'pill' + (kind ? ' ' + kind : '');
  }

  // ---- persons ------------------------------------------------------------------------------

  function fillSelect() {
    const select = $('person');
    select.replaceChildren(...state.persons.map((p) => {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = p.name || p.id;
      return option;
    }));
    select.hidden = state.persons.length < 2;
    if (state.person) {
      select.value = state.person;
    }
  }

  function fillPersons() {
    const select = $('person');
    fillSelect();
    const saved = localStorage.getItem(PERSON_KEY);
    const first = state.persons.find((p) => p.id === saved) || state.persons[0];
    select.onchange = () => choosePerson(select.value);
    if (first) {
      select.value = first.id;
      notice('');
      choosePerson(first.id);
    } else {
      notice('No persons yet: add one under persons in tend.yaml, or connect a wearable.');
    }
  }

  /** Someone new was heard of: list them (once per minute at most). */
  function refreshPersons() {
    if (state.personsAsked && Date.now() - state.personsAsked < 60000) {
      return;
    }
    state.personsAsked = Date.now();
    api('/api/persons').then((persons) => {
      const had = state.person;
      state.persons = persons;
      if (had) {
        fillSelect();
      } else {
        fillPersons();
      }
    }).catch(failed('Loading persons'));
  }

  function choosePerson(id) {
    state.person = id;
    localStorage.setItem(PERSON_KEY, id);
    $('data-person').textContent = id;
    refreshNow();
    refreshToday();
    refreshWeek();
    refreshHelps();
  }

  // ---- Now ----------------------------------------------------------------------------------

  const LEVELS = {
    CALM: 'Calm',
    ELEVATED: 'A bit tense',
    HIGH: 'Stressed',
    ACTIVE: 'Active',
    UNKNOWN: 'Not sure',
  };

  const SCHEDULE = {
    BEFORE_SESSION: 'Session soon',
    IN_SESSION: 'In session',
    DECOMPRESS: 'After your session',
    BUSY: 'Busy',
    QUIET_HOURS: 'Quiet hours',
    BETWEEN: 'Between sessions',
  };

  function clock(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function day(iso) {
    const date = new Date(iso);
    const today = new Date();
    if (date.toDateString() === today.toDateString()) {
      return 'today ' + clock(iso);
    }
    return date.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' }) + ' ' + clock(iso);
  }

  function refreshNow() {
    if (!state.person) {
      return;
    }
    const person = state.person;
    api('/api/persons/' + encodeURIComponent(person) + '/now')
      .then((now) => {
        if (person === state.person) {
          state.now = now;
          renderNow();
        }
      })
      .catch(failed('Loading now'));
  }

  function renderNow() {
    const now = state.now;
    renderStress(now.stress);
    renderSchedule(now.schedule, now.nextSession);
    renderSuggestion(now.suggestion);
    renderPracticeSkipped(now.practiceSkipped);
  }

  /** Says why today's practice reminder did not come, so it does not look forgotten. */
  function renderPracticeSkipped(skipped) {
    const el = $('practice-skipped');
    const today = skipped && new Date(skipped.time).toDateString() === new Date().toDateString();
    el.hidden = !today;
    if (today) {
      const slot = skipped.slot.slice(0, 5);
      el.textContent = skipped.reason === 'ALREADY_PRACTISED'
        ? 'Already practised today, so the ' + slot + ' practice reminder was not needed.'
        : 'The ' + slot + ' practice reminder did not fit in time today and was let go.';
    }
  }

  function renderStress(stress) {
    const level = $('stress-level');
    if (!stress) {
      level.textContent = 'No reading yet';
      level.className = 'big level-UNKNOWN';
      $('stress-score').textContent = '';
      $('stress-reason').textContent = 'Waiting for the wearable.';
      return;
    }
    level.textContent = LEVELS[stress.level] || stress.level;
    level.className = 'big level-' + stress.level;
    $('stress-score').textContent = 'score ' + stress.score + ' of 100 · '
      + Math.round(stress.confidence * 100) + '% sure · ' + clock(stress.time);
    $('stress-reason').textContent = stress.reason;
  }

  function renderSchedule(status, next) {
    $('schedule-state').textContent = status ? (SCHEDULE[status.state] || status.state) : '–';
    const parts = [];
    if (status && status.until) {
      parts.push('until ' + day(status.until));
    }
    if (status && status.quietHours && status.state !== 'QUIET_HOURS') {
      parts.push('quiet hours');
    }
    parts.push(next ? 'Next session ' + day(next.start) + (next.summary ? ': ' + next.summary : '')
      : 'No session planned.');
    $('next-session').textContent = parts.join(' · ');
  }

  function renderSuggestion(suggestion) {
    $('suggestion').hidden = !suggestion;
    $('suggestion-none').hidden = Boolean(suggestion);
    if (!suggestion) {
      return;
    }
    $('suggestion-title').textContent = suggestion.title;
    $('suggestion-words').textContent = suggestion.words;
    $('suggestion-reason').textContent = suggestion.reason;
    setSuggestionButtons(false);
  }

  function setSuggestionButtons(disabled) {
    for (const id of ['suggestion-start', 'suggestion-snooze', 'suggestion-done']) {
      $(id).disabled = disabled;
    }
  }

  function setupSuggestionButtons() {
    $('suggestion-start').addEventListener('click', () => answer((s) => api(
      '/api/exercises/' + encodeURIComponent(s.exerciseId) + '/start',
      { method: 'POST', body: { person: s.person } }), (s) => 'Starting ' + s.title + '…'));
    $('suggestion-snooze').addEventListener('click', () => answer((s) => feedback(s, 'snooze'), () => 'OK, later.'));
    $('suggestion-done').addEventListener('click', () => answer((s) => feedback(s, 'done'), () => 'Well done.'));
  }

  function feedback(suggestion, kind) {
    return api('/api/suggestions/' + encodeURIComponent(suggestion.id) + '/feedback', { method: 'POST', body: { kind } });
  }

  function answer(call, said) {
    const suggestion = state.now && state.now.suggestion;
    if (!suggestion) {
      return;
    }
    setSuggestionButtons(true);
    // The run's first step can arrive over the event stream before this answer does; keep the newer line.
    const shown = state.activityShown;
    call(suggestion)
      .then(() => {
        state.now.suggestion = null;
        renderSuggestion(null);
        if (state.activityShown === shown) {
          showActivity(said(suggestion));
        }
      })
      .catch((error) => {
        setSuggestionButtons(false);
        failed('Answering the suggestion')(error);
      });
  }

  function showActivity(text) {
    state.activityShown = (state.activityShown || 0) + 1;
    const el = $('activity');
    el.textContent = text;
    el.hidden = !text;
  }

  // ---- Today --------------------------------------------------------------------------------

  function startOfToday() {
    const date = new Date();
    date.setHours(0, 0, 0, 0);
    return date;
  }

  function refreshToday() {
    const person = encodeURIComponent(state.person);
    const from = startOfToday();
    const to = new Date(Math.max(Date.now(), from.getTime()) + 60000);
    const range = 'from=' + from.toISOString() + '&to=' + to.toISOString();
    Promise.all([
      api('/api/persons/' + person + '/stress/history?' + range + '&points=720'),
      api('/api/sessions?person=' + person + '&' + range),
      api('/api/suggestions?person=' + person + '&since=' + from.toISOString()),
      api('/api/persons/' + person + '/practice?days=1'),
    ]).then(([history, sessions, suggestions, practice]) => {
      state.dayStart = from.getTime() / 1000;
      state.series = { t: [], hr: [], score: [] };
      for (const point of history.points) {
        addPoint(Date.parse(point.time) / 1000, point.hr, point.score);
      }
      state.sessions = sessions.map((s) => ({ start: Date.parse(s.start) / 1000, end: s.end ? Date.parse(s.end) / 1000 : null }));
      state.marks = suggestions.map((s) => ({ t: Date.parse(s.suggestion.createdAt) / 1000, kind: 'suggestion' }))
        .concat(practice.events.map((e) => ({ t: Date.parse(e.time) / 1000, kind: 'exercise' })));
      drawChart();
    }).catch(failed('Loading today'));
  }

  function addPoint(t, hr, score) {
    const s = state.series;
    if (s.t.length && t <= s.t[s.t.length - 1]) {
      return;
    }
    s.t.push(t);
    s.hr.push(hr == null ? null : hr);
    s.score.push(score);
  }

  function chartSize() {
    const width = Math.max(200, $('chart').clientWidth);
    return { width, height: width < 480 ? 200 : 260 };
  }

  function drawChart() {
    const data = [state.series.t, state.series.hr, state.series.score];
    $('chart').dataset.points = String(state.series.t.length);
    if (state.chart) {
      state.chart.setData(data);
      return;
    }
    const size = chartSize();
    state.chart = new uPlot({
      width: size.width,
      height: size.height,
      scales: {
        x: { time: true, range: () => [state.dayStart, Math.max(Date.now() / 1000, state.dayStart + 3600)] },
        score: { range: [0, 100] },
        hr: { range: (u, min, max) => [Math.min(min == null ? 60 : min, 50) - 5, Math.max(max == null ? 100 : max, 100) + 5] },
      },
      series: [
        {},
        { label: 'Heart rate', scale: 'hr', stroke: '#c0533f', width: 2, value: (u, v) => (v == null ? '–' : v.toFixed(0) + ' bpm') },
        { label: 'Stress', scale: 'score', stroke: '#2f7d6d', width: 2, fill: 'rgba(47,125,109,.08)',
          value: (u, v) => (v == null ? '–' : String(v)) },
      ],
      axes: [
        // Time labels like "12:05am" need more room than uPlot's default spacing gives them.
        { space: 80 },
        { scale: 'score', size: 40 },
        { scale: 'hr', side: 1, size: 40, grid: { show: false } },
      ],
      legend: { show: false },
      hooks: { drawClear: [shadeSessions], draw: [drawMarks] },
    }, data, $('chart'));
    new ResizeObserver(() => state.chart.setSize(chartSize())).observe($('chart'));
  }

  function shadeSessions(u) {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.fillStyle = 'rgba(79, 111, 176, .25)';
    for (const s of state.sessions) {
      const x0 = Math.max(left, u.valToPos(s.start, 'x', true));
      const x1 = Math.min(left + width, u.valToPos(s.end == null ? Date.now() / 1000 : s.end, 'x', true));
      if (x1 > x0) {
        ctx.fillRect(x0, top, x1 - x0, height);
      }
    }
    ctx.restore();
  }

  function drawMarks(u) {
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const r = 5 * devicePixelRatio;
    ctx.save();
    for (const mark of state.marks) {
      const x = u.valToPos(mark.t, 'x', true);
      if (x < left || x > left + width) {
        continue;
      }
      ctx.fillStyle = mark.kind === 'suggestion' ? '#c9952c' : '#4f6fb0';
      ctx.strokeStyle = ctx.fillStyle;
      ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath();
      if (mark.kind === 'suggestion') {
        ctx.moveTo(x - r, top);
        ctx.lineTo(x + r, top);
        ctx.lineTo(x, top + r * 1.6);
      } else {
        ctx.arc(x, top + height - r, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.restore();
  }

  // ---- week and what helps ------------------------------------------------------------------

  function refreshWeek() {
    api('/api/persons/' + encodeURIComponent(state.person) + '/practice?days=7').then((week) => {
      $('week-days').replaceChildren(...week.days.map((d) => {
        const li = document.createElement('li');
        const done = d.exercises.filter((e) => e.completed > 0);
        li.classList.toggle('done', done.length > 0);
        const name = document.createElement('span');
        name.className = 'day';
        name.textContent = new Date(d.date + 'T12:00:00').toLocaleDateString([], { weekday: 'short' });
        const what = document.createElement('span');
        what.className = 'what';
        what.textContent = done.length ? done.map((e) => e.title).join(', ') : '–';
        li.title = d.date + ': ' + (d.exercises.length
          ? d.exercises.map((e) => e.title + ' (done ' + e.completed + ', begun ' + e.started + ')').join('; ')
          : 'nothing');
        li.append(name, what);
        return li;
      }));
    }).catch(failed('Loading the week'));
  }

  function change(value, unit, count) {
    if (value == null) {
      return ['–', ''];
    }
    const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
    return [sign + Math.abs(value).toFixed(1) + unit + ' (' + count + ')', value < 0 ? 'helped' : value > 0 ? 'worse' : ''];
  }

  function refreshHelps() {
    api('/api/persons/' + encodeURIComponent(state.person) + '/effects').then((effects) => {
      $('effects-none').hidden = effects.length > 0;
      $('effects-table').hidden = effects.length === 0;
      $('effects').replaceChildren(...effects.map((e) => {
        const tr = document.createElement('tr');
        const cells = [[e.title, ''], change(e.stressChange, '', e.stressCount), change(e.hrChange, ' bpm', e.hrCount),
          [String(e.count), '']];
        for (const [text, kind] of cells) {
          const td = document.createElement('td');
          td.textContent = text;
          if (kind) {
            td.className = kind;
          }
          tr.append(td);
        }
        return tr;
      }));
    }).catch(failed('Loading what helps'));
  }

  // ---- plugins ------------------------------------------------------------------------------

  function refreshPlugins() {
    api('/api/plugins').then(renderPlugins).catch(failed('Loading plugins'));
  }

  function renderPlugins(plugins) {
    $('plugin-list').replaceChildren(...plugins.map((p) => {
      const li = document.createElement('li');
      const id = document.createElement('span');
      id.className = 'id';
      id.textContent = p.id;
      const version = document.createElement('span');
      version.className = 'muted';
      version.textContent = p.version;
      const pill = document.createElement('span');
      pill.className = 'pill' + (p.state === 'STARTED' ? ' ok' : p.state === 'FAILED' ? ' bad' : '');
      pill.textContent = p.state.toLowerCase() + (p.required ? ' · required' : '');
      const actions = document.createElement('span');
      actions.className = 'actions';
      const button = document.createElement('button');
      const enable = p.state !== 'STARTED';
      button.textContent = enable ? 'Enable' : 'Disable';
      button.addEventListener('click', () => {
        button.disabled = true;
        api('/api/plugins/' + encodeURIComponent(p.id) + '/' + (enable ? 'enable' : 'disable'), { method: 'POST' })
          .then(() => refreshPlugins())
          .catch((error) => {
            failed((enable ? 'Enabling ' : 'Disabling ') + p.id)(error);
            refreshPlugins();
          });
      });
      actions.append(button);
      li.append(id, version, pill, actions);
      if (p.cause) {
        const cause = document.createElement('span');
        cause.className = 'cause';
        cause.textContent = p.cause;
        li.append(cause);
      }
      return li;
    }));
  }

  // ---- live events --------------------------------------------------------------------------

  async function follow() {
    let wait = 1000;
    while (state.token) {
      const controller = new AbortController();
      state.stream = controller;
      try {
        const response = await fetch('/api/events', {
          headers: { Authorization: 'Bearer ' + state.token },
          signal: controller.signal,
        });
        if (response.status === 401) {
          signOut('The hub refused the token.');
          return;
        }
        if (!response.ok || !response.body) {
          throw new Error('HTTP ' + response.status);
        }
        setHubState('live', 'ok');
        wait = 1000;
        await read(response.body);
      } catch (error) {
        if (controller.signal.aborted) {
          return;
        }
      }
      setHubState('reconnecting…', 'bad');
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 30000);
    }
  }

  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).trimStart());
      }
    }
    if (!data.length) {
      return;
    }
    const message = JSON.parse(data.join('\n'));
    if (message.person && !state.persons.some((p) => p.id === message.person)) {
      refreshPersons();
    }
    if (message.person !== state.person) {
      return;
    }
    switch (event) {
      case 'stress': onStress(message); break;
      case 'schedule': onSchedule(message); break;
      case 'suggestion': onSuggestion(message); break;
      case 'feedback': onFeedback(message); break;
      case 'session': refreshNow(); refreshToday(); break;
      case 'prompt': onPrompt(message); break;
      case 'practice-skipped':
        if (state.now) {
          state.now.practiceSkipped = message;
          renderPracticeSkipped(message);
        }
        break;
      default: break;
    }
  }

  function onStress(stress) {
    if (state.now) {
      state.now.stress = stress;
      renderStress(stress);
    }
    const t = Date.parse(stress.time) / 1000;
    if (state.chart && t >= state.dayStart) {
      addPoint(t, stress.features ? stress.features.hrBpm : null, stress.score);
      drawChart();
    }
  }

  function onSchedule(status) {
    if (state.now) {
      state.now.schedule = status;
    }
    refreshNow();
  }

  function onSuggestion(suggestion) {
    if (state.now) {
      state.now.suggestion = suggestion;
      renderSuggestion(suggestion);
      showActivity('');
    }
    state.marks.push({ t: Date.parse(suggestion.createdAt) / 1000, kind: 'suggestion' });
    if (state.chart) {
      state.chart.redraw(false);
    }
  }

  function onFeedback(feedback) {
    const current = state.now && state.now.suggestion;
    if (current && ['ACCEPTED', 'SNOOZED', 'DISMISSED', 'STARTED', 'COMPLETED'].includes(feedback.kind)
      && (!feedback.suggestionId || feedback.suggestionId === current.id)) {
      state.now.suggestion = null;
      renderSuggestion(null);
    }
    if (['STARTED', 'COMPLETED', 'ABANDONED'].includes(feedback.kind) && feedback.exerciseId) {
      state.marks.push({ t: Date.parse(feedback.time) / 1000, kind: 'exercise' });
      if (state.chart) {
        state.chart.redraw(false);
      }
      showActivity(feedback.kind === 'STARTED' ? 'Exercise begun.' : feedback.kind === 'COMPLETED' ? 'Exercise done.' : 'Exercise stopped.');
      refreshWeek();
      refreshHelps();
    }
  }

  function onPrompt(prompt) {
    if (prompt.kind === 'STEP') {
      showActivity((prompt.title || 'Exercise') + ': step ' + prompt.step + ' of ' + prompt.steps + ' on ' + prompt.channel);
    } else if (prompt.kind === 'CHECK_IN') {
      showActivity('How do you feel now? Answer on ' + prompt.channel + '.');
    }
  }

  // ---- your data ----------------------------------------------------------------------------

  /** Fetches the export with the token (a plain link cannot send it) and hands it to the browser as a file. */
  async function download(format) {
    const person = state.person;
    const response = await fetch('/api/persons/' + encodeURIComponent(person) + '/export?format=' + format,
      { headers: { Authorization: 'Bearer ' + state.token } });
    if (!response.ok) {
      const text = await response.text();
      throw new ApiError(response.status, text ? JSON.parse(text).error : 'HTTP ' + response.status);
    }
    const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    const name = named ? named[1] : 'tend-' + person + (format === 'csv' ? '.zip' : '.json');
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    $('data-status').textContent = 'Downloaded ' + name + ' (' + blob.size.toLocaleString('en') + ' bytes).';
  }

  async function erase() {
    const person = state.person;
    const typed = window.prompt('Erase everything Tend keeps about ' + person
      + ': stress history, sessions, suggestions, feedback, what helps. This cannot be undone. Type '
      + person + ' to go on.');
    if (typed === null) {
      return;
    }
    if (typed.trim() !== person) {
      $('data-status').textContent = 'Nothing erased: that was not ' + person + '.';
      return;
    }
    const result = await api('/api/persons/' + encodeURIComponent(person) + '?confirm=' + encodeURIComponent(person),
      { method: 'DELETE' });
    const rows = Object.values(result.erased).reduce((sum, n) => sum + n, 0);
    $('data-status').textContent = 'Erased everything Tend kept about ' + person + ' (' + rows.toLocaleString('en')
      + ' rows).';
    choosePerson(person);
  }

  function setupDataButtons() {
    $('export-json').addEventListener('click', () => download('json').catch(failed('Downloading')));
    $('export-csv').addEventListener('click', () => download('csv').catch(failed('Downloading')));
    $('erase').addEventListener('click', () => erase().catch(failed('Erasing')));
  }

  // ---- start --------------------------------------------------------------------------------

  setupLogin();
  setupSuggestionButtons();
  setupDataButtons();
  const token = tokenFromFragment() || localStorage.getItem(TOKEN_KEY);
  if (token) {
    localStorage.setItem(TOKEN_KEY, token);
    start(token);
  } else {
    signOut('');
  }
})();
