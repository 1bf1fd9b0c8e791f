// Small enhancements only: every page works without this script.
(() => {
  // Move focus to the error summary of a failed form so screen readers announce it.
  const summary = document.querySelector('[data-autofocus]');
  if (summary) summary.focus();
  // Collapse the navigation into a disclosure on small screens.
  const nav = document.querySelector('.nav-disclosure');
  if (nav && window.matchMedia('(max-width: 40em)').matches) nav.removeAttribute('open');
  // Confirm destructive actions.
  document.addEventListener('submit', (e) => {
    const form = e.target;
    const message = form instanceof HTMLFormElement ? form.dataset.confirm : null;
    if (message && !window.confirm(message)) e.preventDefault();
  });
})();
