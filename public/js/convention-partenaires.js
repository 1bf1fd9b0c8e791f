// Partner picker of /conventions/nouvelle (progressive enhancement: without this script,
// "Rechercher" posts the form and the results come back as boxes to tick).
// Suggestions from the directory autocomplete appear as you type; "Ajouter" puts the
// organisation among the chosen partners (a ticked box named partyIds).
(() => {
  const input = document.querySelector('input[data-partner-search]');
  const results = document.getElementById('resultats-partenaires');
  const chosen = document.getElementById('partenaires-choisis');
  if (!input || !results || !chosen) return;
  const endpoint = input.getAttribute('data-partner-search');
  const searchButton = input.form && input.form.querySelector('button[name="_action"][value="search"]');
  let timer = 0;
  let controller = null;

  const taken = () => {
    const ids = new Set();
    for (const el of input.form.querySelectorAll('input[name="partyIds"]:checked, input[name="ownOrganisationId"]:checked'))
      ids.add(el.value);
    return ids;
  };

  const say = (text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  };

  const label = (it) => (it.departementCode ? `${it.name} (${it.departementCode})` : it.name);

  const add = (it) => {
    if (!taken().has(it.id)) {
      const li = document.createElement('li');
      li.className = 'checkbox';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'partyIds';
      box.value = it.id;
      box.id = `party-${it.id}`;
      box.checked = true;
      const lab = document.createElement('label');
      lab.htmlFor = box.id;
      lab.textContent = label(it);
      li.append(box, lab);
      chosen.append(li);
    }
    const none = document.getElementById('partenaires-aucun');
    if (none) none.remove();
    results.replaceChildren(say(`${label(it)} : ajouté aux partenaires.`));
    input.value = '';
    input.focus();
  };

  const search = async (now) => {
    const q = input.value.trim();
    if (q.length < 2) {
      if (now) results.replaceChildren(say('Tapez au moins deux caractères du nom.'));
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const res = await fetch(`${endpoint}?q=${encodeURIComponent(q)}`, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      if (!res.ok) return;
      const body = await res.json();
      const have = taken();
      const items = body.items.filter((it) => !have.has(it.id));
      if (items.length === 0) {
        results.replaceChildren(say(`Aucune organisation ne correspond à « ${q} ».`));
        return;
      }
      const ul = document.createElement('ul');
      ul.className = 'agreement-partner-suggestions';
      for (const it of items) {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button-secondary button-small';
        b.textContent = `Ajouter ${label(it)}`;
        b.addEventListener('click', () => add(it));
        li.append(b);
        ul.append(li);
      }
      results.replaceChildren(say(`${items.length} suggestion(s) pour « ${q} » :`), ul);
    } catch {
      /* network error or aborted: "Rechercher" still works without the script */
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => search(false), 200);
  });
  // Enter in the search field searches instead of creating the agreement.
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      window.clearTimeout(timer);
      search(true);
    }
  });
  if (searchButton) {
    searchButton.addEventListener('click', (e) => {
      e.preventDefault();
      window.clearTimeout(timer);
      search(true);
    });
  }
})();
