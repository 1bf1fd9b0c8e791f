// Small enhancements only: every page works without this script.
(() => {
  // Move focus to the error summary of a failed form so screen readers announce it.
  const summary = document.querySelector('[data-autofocus]');
  if (summary) summary.focus();
  // Collapse the navigation into a disclosure on small screens.
  const nav = document.querySelector('.nav-disclosure');
  if (nav && window.matchMedia('(max-width: 40em)').matches) nav.removeAttribute('open');
  // A table wider than the screen scrolls inside its wrapper: make that region reachable
  // and scrollable from the keyboard, named after the table's caption (WCAG 2.1.1).
  const regions = () => {
    for (const w of document.querySelectorAll('.table-wrapper')) {
      if (w.scrollWidth > w.clientWidth + 1) {
        if (!w.hasAttribute('tabindex')) {
          w.setAttribute('tabindex', '0');
          w.setAttribute('role', 'region');
          const caption = w.querySelector('caption');
          if (caption && !w.hasAttribute('aria-label')) w.setAttribute('aria-label', caption.textContent.trim());
        }
      } else if (w.getAttribute('tabindex') === '0' && w.getAttribute('role') === 'region') {
        w.removeAttribute('tabindex');
        w.removeAttribute('role');
      }
    }
  };
  regions();
  window.addEventListener('resize', regions);
  // Confirm destructive actions.
  document.addEventListener('submit', (e) => {
    const form = e.target;
    const message = form instanceof HTMLFormElement ? form.dataset.confirm : null;
    if (message && !window.confirm(message)) e.preventDefault();
  });
})();
