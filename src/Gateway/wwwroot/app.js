// MoviePipeline web page: plain JavaScript over the REST API (docs/api.md) and the workflow event
// stream. No build step. Every value from the server goes into the page as text, never as HTML.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  const STATUS_LABELS = {
    draft: 'Draft',
    parsing: 'Parsing the script',
    parsed: 'Script parsed',
    generating_storyboard: 'Drawing the storyboard',
    generating_videos: 'Making the scene clips',
    assembling: 'Assembling the movie',
    completed: 'Completed',
    failed: 'Failed',
    paused: 'Paused',
  };
  const RUNNING = new Set(['parsing', 'parsed', 'generating_storyboard', 'generating_videos', 'assembling']);
  const FINISHED = new Set(['completed', 'failed']);

  const statusLabel = (status) => STATUS_LABELS[status] || status;

  // ---- HTTP ----

  /** Fetches JSON; throws an Error whose message is the problem detail the API gave. */
  async function api(path, options = {}) {
    const init = { headers: { Accept: 'application/json' }, ...options };
    if (options.body !== undefined) {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new Error('The server cannot be reached. Check your connection and try again.');
    }
    const text = await response.text();
    let body = null;
    if (text) {
      try { body = JSON.parse(text); } catch { body = null; }
    }
    if (response.status === 401 && !path.startsWith('/api/auth/')) {
      // The session ended (signed out elsewhere, or expired): ask to sign in again.
      setUser(null);
      route();
    }
    if (!response.ok) {
      const detail = body && (body.detail || body.title);
      throw new Error(detail || `The server answered ${response.status} ${response.statusText}.`);
    }
    return body;
  }

  // ---- Small DOM helpers ----

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(key, value);
    }
    for (const child of [].concat(children)) if (child) node.append(child);
    return node;
  }

  function showMessage(node, message) {
    node.textContent = message || '';
    node.hidden = !message;
  }

  function setProgress(bar, progress, status) {
    const value = Math.max(0, Math.min(100, Math.round(progress || 0)));
    bar.setAttribute('aria-valuenow', String(value));
    bar.setAttribute('aria-valuetext', `${value}% – ${statusLabel(status)}`);
    bar.dataset.status = status || '';
    bar.querySelector('.progress-bar').style.width = `${value}%`;
  }

  function progressBar(progress, status, label) {
    const bar = el('div', { className: 'progress small', role: 'progressbar', 'aria-label': label,
      'aria-valuemin': '0', 'aria-valuemax': '100' }, el('div', { className: 'progress-bar' }));
    setProgress(bar, progress, status);
    return bar;
  }

  const formatTime = (iso) => (iso ? new Date(iso).toLocaleString() : '');

  // ---- Accounts: who is signed in; the sign-in and sign-up forms ----

  let currentUser = null;

  function setUser(user) {
    currentUser = user;
    $('user-area').hidden = !user;
    $('user-name').textContent = user ? `Signed in as ${user.name}` : '';
    $('dashboard-link').hidden = !(user && user.role === 'admin');
  }

  function setUpAccountForms() {
    const submit = (formId, path, body) => {
      const form = $(formId);
      const error = $(`${formId}-error`);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        showMessage(error, '');
        const button = $(`${formId}-submit`);
        button.disabled = true;
        try {
          const answer = await api(path, { method: 'POST', body: body(form) });
          form.reset();
          setUser(answer.user);
          route();
        } catch (failure) {
          showMessage(error, failure.message);
          error.focus();
        } finally {
          button.disabled = false;
        }
      });
    };
    submit('sign-in', '/api/auth/login', (f) => ({ email: f.email.value, password: f.password.value }));
    submit('sign-up', '/api/auth/register', (f) => ({ name: f.name.value, email: f.email.value, password: f.password.value }));
    $('sign-out').addEventListener('click', async () => {
      try { await api('/api/auth/logout', { method: 'POST' }); } catch { /* signed out here either way */ }
      setUser(null);
      location.hash = '#/';
      route();
    });
  }

  // ---- Routing: #/ is the project list, #/projects/{id} one project ----

  let leaveView = () => {};

  function route() {
    leaveView();
    leaveView = () => {};
    const match = /^#\/projects\/(\d+)$/.exec(location.hash);
    for (const view of ['account-view', 'home-view', 'project-view', 'missing-view']) $(view).hidden = true;
    if (!currentUser) {
      $('account-view').hidden = false;
      document.title = 'Sign in – MoviePipeline';
    } else if (match) {
      leaveView = openProject(match[1]);
    } else if (location.hash === '' || location.hash === '#/' || location.hash === '#') {
      leaveView = openHome();
    } else {
      $('missing-message').textContent = 'There is no page at this address.';
      $('missing-view').hidden = false;
      document.title = 'Not found – MoviePipeline';
    }
  }

  // ---- Home: list and new project ----

  function openHome() {
    $('home-view').hidden = false;
    document.title = 'Projects – MoviePipeline';
    let timer = null;
    let stopped = false;

    const refresh = async () => {
      try {
        const projects = await api('/api/projects');
        if (stopped) return;
        renderProjectList(projects);
        // Keep an eye on running projects while the list is open.
        if (projects.some((p) => RUNNING.has(p.status))) timer = setTimeout(refresh, 3000);
      } catch (error) {
        if (!stopped) $('list-status').textContent = error.message;
      }
    };
    refresh();
    return () => { stopped = true; clearTimeout(timer); };
  }

  function renderProjectList(projects) {
    const list = $('project-list');
    list.replaceChildren();
    $('list-status').textContent = projects.length === 0
      ? 'No projects yet. Create the first one with the form.'
      : `${projects.length} project${projects.length === 1 ? '' : 's'}, newest first.`;
    for (const p of projects) {
      const link = el('a', { href: `#/projects/${p.id}` }, [
        el('div', { className: 'row' }, [
          el('span', { className: 'name', text: p.title }),
          el('span', { className: 'badge', dataset: { status: p.status }, text: statusLabel(p.status) }),
        ]),
        p.description ? el('p', { className: 'meta', text: p.description }) : null,
        progressBar(p.progress, p.status, `${p.title}: ${p.progress}%`),
        el('p', { className: 'meta', text: `${p.progress}% · updated ${formatTime(p.updatedAt)}` }),
      ]);
      list.append(el('li', { dataset: { projectId: String(p.id) } }, link));
    }
  }

  function titleFromFountain(text) {
    // The title page is the first block of "Key: value" lines.
    const head = text.replace(/^\uFEFF/, '').split(/\r?\n\s*\r?\n/, 1)[0];
    const match = /^title:[ \t]*(.+)$/im.exec(head);
    return match ? match[1].replace(/[*_]/g, '').trim() : '';
  }

  function setUpNewProjectForm() {
    const form = $('new-project');
    const fileInput = $('script-file');

    fileInput.addEventListener('change', () => {
      const file = fileInput.files && fileInput.files[0];
      if (!file) return;
      if (file.size > 2 * 1024 * 1024) {
        showMessage($('form-error'), `“${file.name}” is larger than 2 MiB; a script may be at most 2 MiB.`);
        fileInput.value = '';
        return;
      }
      const reader = new FileReader();
      reader.onload = () => {
        const text = String(reader.result || '');
        $('script').value = text;
        if (!$('title').value.trim()) {
          $('title').value = titleFromFountain(text) || file.name.replace(/\.[^.]+$/, '');
        }
        showMessage($('form-error'), '');
      };
      reader.onerror = () => showMessage($('form-error'), `“${file.name}” could not be read.`);
      reader.readAsText(file);
    });

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const title = $('title').value.trim();
      const scriptContent = $('script').value;
      const description = $('description').value.trim();
      const problem = !title ? 'Give the project a title.'
        : !scriptContent.trim() ? 'Paste a script (or a story idea), or choose a screenplay file.' : '';
      if (problem) {
        showMessage($('form-error'), problem);
        $(!title ? 'title' : 'script').focus();
        return;
      }
      const button = $('create');
      button.disabled = true;
      button.textContent = 'Creating…';
      try {
        const created = await api('/api/projects', { method: 'POST', body: { title, description: description || null, scriptContent } });
        form.reset();
        showMessage($('form-error'), '');
        location.hash = `#/projects/${created.projectId}`;
      } catch (error) {
        showMessage($('form-error'), error.message);
        $('form-error').focus();
      } finally {
        button.disabled = false;
        button.textContent = 'Create project';
      }
    });
  }

  // ---- One project ----

  function openProject(id) {
    $('project-view').hidden = false;
    const state = { id, status: null, version: 0, pauseRequested: false, closed: false, events: null, statusTimer: null };
    resetProjectView();

    const applyStatus = (s) => {
      state.pauseRequested = !!s.pauseRequested;
      showWorkflow(state, s.status, s.progress, s.message, s.errorMessage);
      showReuse(s.phases);
    };

    // Commands answer with the new status, so the buttons change at once.
    const command = (name, body) => async () => {
      showMessage($('action-error'), '');
      for (const b of ['start', 'pause', 'resume']) $(b).disabled = true;
      try {
        const status = await api(`/api/workflow/${id}/${name}`, { method: 'POST', body });
        applyStatus(status);
        if (!state.events) listen(state, applyStatus);
      } catch (error) {
        showMessage($('action-error'), error.message);
        refreshStatus(state, applyStatus);
      }
    };
    const handlers = {
      start: command('start', { workflowType: 'full_pipeline' }),
      pause: command('pause'),
      resume: command('resume'),
    };
    for (const [name, handler] of Object.entries(handlers)) $(name).onclick = handler;

    // An edit makes the next revision; the page shows it at once, and the workflow (now a draft) can make it.
    $('edit-form').onsubmit = async (event) => {
      event.preventDefault();
      showMessage($('edit-error'), '');
      $('edit-saved').textContent = '';
      $('save-edit').disabled = true;
      try {
        const project = await api(`/api/projects/${id}`, {
          method: 'PATCH',
          body: { title: $('edit-title').value, description: $('edit-description').value, scriptContent: $('edit-script').value },
        });
        if (state.closed) return;
        showProject(project);
        $('edit-saved').textContent = `Revision ${project.revision} is saved. Make it again to see it.`;
        refreshStatus(state, applyStatus);
      } catch (error) {
        showMessage($('edit-error'), error.message);
        $('edit-error').focus();
      } finally {
        $('save-edit').disabled = RUNNING.has(state.status);
      }
    };

    const showProject = (project) => {
      document.title = `${project.title} – MoviePipeline`;
      $('project-title').textContent = project.title;
      showMessage($('project-description'), project.description);
      $('revision').textContent = String(project.revision);
      $('edit-title').value = project.title;
      $('edit-description').value = project.description || '';
      $('edit-script').value = project.scriptContent;
      showWorkflow(state, project.status, project.progress, null, project.errorMessage);
    };

    (async () => {
      try {
        const project = await api(`/api/projects/${id}`);
        if (state.closed) return;
        state.pauseRequested = false;
        showProject(project);
        await Promise.all([refreshStatus(state, applyStatus), loadActivity(state)]);
        if (!FINISHED.has(state.status) && !state.closed) listen(state, applyStatus);
      } catch (error) {
        if (state.closed) return;
        $('project-view').hidden = true;
        $('missing-message').textContent = error.message;
        $('missing-view').hidden = false;
      }
    })();

    return () => {
      state.closed = true;
      clearTimeout(state.statusTimer);
      if (state.events) state.events.close();
      state.events = null;
      for (const name of Object.keys(handlers)) $(name).onclick = null;
      $('edit-form').onsubmit = null;
    };
  }

  function resetProjectView() {
    $('project-title').textContent = 'Loading…';
    showMessage($('project-description'), '');
    showMessage($('error-message'), '');
    showMessage($('action-error'), '');
    $('status-badge').textContent = '';
    $('status-message').textContent = '';
    $('progress-text').textContent = '';
    setProgress($('progress'), 0, '');
    for (const list of ['scene-list', 'character-list', 'setting-list', 'storyboard-gallery', 'activity-list']) $(list).replaceChildren();
    for (const player of ['trailer-player', 'movie-player']) {
      $(player).hidden = true;
      $(player).removeAttribute('src');
    }
    $('movie-details').textContent = '';
    $('reuse-summary').textContent = '';
    $('edit-saved').textContent = '';
    showMessage($('edit-error'), '');
    selectTab($('tab-scenes'), false);
  }

  /** Shows status and progress, and enables exactly the commands the status allows. */
  function showWorkflow(state, status, progress, message, errorMessage) {
    const changed = state.status !== status;
    state.status = status;
    const badge = $('status-badge');
    badge.textContent = statusLabel(status);
    badge.dataset.status = status;
    if (message) $('status-message').textContent = message;
    setProgress($('progress'), progress, status);
    const text = `${statusLabel(status)}: ${Math.round(progress)}%`;
    if ($('progress-text').textContent !== text) $('progress-text').textContent = text;

    showMessage($('error-message'), status === 'failed' ? (errorMessage || 'The workflow failed.') : '');
    const running = RUNNING.has(status);
    $('start').disabled = !(status === 'draft' || status === 'failed' || status === 'completed');
    $('start').textContent = status === 'failed' ? 'Start again' : status === 'completed' ? 'Make again' : 'Start';
    $('save-edit').disabled = running;
    $('pause').disabled = !running || state.pauseRequested;
    $('pause').textContent = running && state.pauseRequested ? 'Pausing after this phase…' : 'Pause';
    $('resume').disabled = !(status === 'paused' || (running && state.pauseRequested));
    $('resume').textContent = running && state.pauseRequested ? 'Cancel pause' : 'Resume';
    if (changed) loadOutputs(state);
  }

  /** What the last run of each phase made and what it found made before (a re-run makes only what changed). */
  function showReuse(phases) {
    const counted = (phases || []).filter((p) => typeof p.scenesMade === 'number');
    $('reuse-summary').textContent = counted.length === 0 ? '' : 'Last run: ' + counted
      .map((p) => `${p.name}: ${p.scenesMade} made, ${p.scenesReused} reused`).join(' · ') + '.';
  }

  async function refreshStatus(state, applyStatus) {
    try {
      const status = await api(`/api/workflow/${state.id}/status`);
      if (!state.closed) applyStatus(status);
    } catch { /* the stream or the next command shows the problem */ }
  }

  /** Follows the workflow's event stream until it is completed or failed. */
  function listen(state, applyStatus) {
    if (state.closed || typeof EventSource === 'undefined') return;
    // Go on from the last change the page has shown, so none is missed in between.
    const after = state.version > 0 ? `?after=${state.version}` : '';
    const events = new EventSource(`/api/workflow/${state.id}/events${after}`);
    state.events = events;
    events.addEventListener('status', (event) => {
      const change = JSON.parse(event.data);
      if (change.version <= state.version) return;
      state.version = change.version;
      showWorkflow(state, change.status, change.progress, change.message, change.errorMessage);
      addActivity(change);
      // The event has no pause flag: ask for the full status, once per burst of events.
      clearTimeout(state.statusTimer);
      state.statusTimer = setTimeout(() => refreshStatus(state, applyStatus), 250);
      if (FINISHED.has(change.status)) {
        events.close();
        if (state.events === events) state.events = null;
      }
    });
  }

  async function loadActivity(state) {
    try {
      const history = await api(`/api/workflow/${state.id}/history`);
      if (state.closed) return;
      for (const change of history.slice(-200)) {
        if (change.version > state.version) {
          state.version = change.version;
          addActivity(change);
        }
      }
    } catch { /* activity is a nicety */ }
  }

  function addActivity(change) {
    const list = $('activity-list');
    list.prepend(el('li', { dataset: { version: String(change.version) } }, [
      el('time', { datetime: change.at, text: formatTime(change.at) }),
      el('span', { text: `${statusLabel(change.status)} (${change.progress}%): ${change.message}` }),
    ]));
  }

  // ---- Outputs ----

  async function loadOutputs(state) {
    const id = state.id;
    const results = await Promise.allSettled([
      api(`/api/projects/${id}/scenes`),
      api(`/api/projects/${id}/characters`),
      api(`/api/projects/${id}/settings`),
      api(`/api/projects/${id}/storyboards`),
      api(`/api/projects/${id}`),
      api(`/api/projects/${id}/movie`),
      api(`/api/projects/${id}/videos`),
    ]);
    if (state.closed) return;
    const [scenes, characters, settings, frames, project, movie, videos] = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    if (scenes) renderScenes(scenes, videos || []);
    if (characters) renderEntities('character-list', 'characters-empty', characters);
    if (settings) renderEntities('setting-list', 'settings-empty', settings);
    if (frames) renderStoryboard(frames);
    if (project) showVideo('trailer-player', 'trailer-empty', project.trailerUrl);
    if (movie !== undefined) {
      showVideo('movie-player', 'movie-empty', movie && movie.movieUrl);
      $('movie-details').textContent = movie && movie.movieUrl
        ? `${Math.round(movie.duration)} seconds · ${movie.status}` : '';
    }
  }

  function parseCharacters(value) {
    try {
      const list = JSON.parse(value);
      return Array.isArray(list) ? list.join(', ') : '';
    } catch { return ''; }
  }

  /** A scene's clip says whether the last run made it or found it made from the same inputs. */
  function clipNote(clip) {
    if (!clip || clip.status !== 'completed') return null;
    return clip.reused ? 'clip reused' : 'clip made';
  }

  function renderScenes(scenes, videos) {
    $('scenes-empty').hidden = scenes.length > 0;
    $('scene-list').replaceChildren(...scenes.map((s, i) => el('li', {}, [
      el('h3', { text: s.title || `Scene ${s.sceneNumber}` }),
      el('p', { className: 'meta', text: [s.setting, parseCharacters(s.characters), `${Math.round(s.duration)} s`, clipNote(videos[i])].filter(Boolean).join(' · ') }),
      s.description ? el('p', { text: s.description }) : null,
      s.dialogue ? el('pre', { text: s.dialogue }) : null,
    ])));
  }

  function renderEntities(listId, emptyId, items) {
    $(emptyId).hidden = items.length > 0;
    $(listId).replaceChildren(...items.map((item) => el('li', {}, [
      el('h3', { text: item.name }),
      item.description ? el('p', { text: item.description }) : null,
      item.visualDescription ? el('p', { className: 'meta', text: `Looks: ${item.visualDescription}` }) : null,
    ])));
  }

  function renderStoryboard(frames) {
    $('storyboard-empty').hidden = frames.length > 0;
    $('storyboard-gallery').replaceChildren(...frames.map((frame, index) => {
      const caption = `Frame ${index + 1}: ${frame.prompt || 'no prompt'} (${frame.status}${frame.reused ? ', reused' : ''})`;
      const picture = frame.imageUrl
        ? el('img', { src: frame.imageUrl, alt: frame.prompt || `Storyboard frame ${index + 1}`, loading: 'lazy', width: '1024', height: '576' })
        : el('div', { className: 'placeholder', text: frame.status === 'failed' ? 'Frame failed' : 'Frame not drawn yet' });
      return el('li', {}, el('figure', {}, [picture, el('figcaption', { text: caption })]));
    }));
  }

  function showVideo(playerId, emptyId, url) {
    const player = $(playerId);
    if (url) {
      if (player.getAttribute('src') !== url) player.setAttribute('src', url);
      player.hidden = false;
      $(emptyId).hidden = true;
    } else {
      player.hidden = true;
      player.removeAttribute('src');
      $(emptyId).hidden = false;
    }
  }

  // ---- Tabs (WAI-ARIA pattern: arrow keys move between tabs) ----

  function selectTab(tab, focus = true) {
    for (const other of document.querySelectorAll('[role=tab]')) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
  }

  function setUpTabs() {
    const tabs = [...document.querySelectorAll('[role=tab]')];
    for (const tab of tabs) {
      tab.addEventListener('click', () => selectTab(tab));
      tab.addEventListener('keydown', (event) => {
        const index = tabs.indexOf(tab);
        const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        selectTab(tabs[(next + tabs.length) % tabs.length]);
      });
    }
  }

  setUpAccountForms();
  setUpNewProjectForm();
  setUpTabs();
  window.addEventListener('hashchange', route);
  api('/api/auth/me').then(setUser, () => setUser(null)).finally(route);
})();
