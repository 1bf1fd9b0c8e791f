// Directory search box: suggests organisation names as you type (progressive enhancement;
// the search works without it). Fills the <datalist> linked to the field.
(() => {
  const input = document.querySelector('input[data-autocomplete]');
  const list = input && document.getElementById(input.getAttribute('list') || '');
  if (!input || !list) return;
  const endpoint = input.getAttribute('data-autocomplete');
  let timer = 0;
  let last = '';
  let controller = null;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const res = await fetch(`${endpoint}?q=${encodeURIComponent(q)}`, {
          headers: { accept: 'application/json' },
          signal: controller.signal,
        });
        if (!res.ok) return;
        const body = await res.json();
        list.replaceChildren(
          ...body.items.map((it) => {
            const option = document.createElement('option');
            option.value = it.name;
            return option;
          }),
        );
      } catch {
        /* network errors: the plain search still works */
      }
    }, 150);
  });
})();
