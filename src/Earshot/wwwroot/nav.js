// The phone menu: the button shows or hides the navigation, search and sign-out, and says which it did.
(() => {
  const button = document.querySelector('.menu-toggle');
  const header = document.querySelector('header.top');
  if (!button || !header) return;
  button.addEventListener('click', () => {
    const open = header.classList.toggle('menu-open');
    button.setAttribute('aria-expanded', String(open));
  });
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape' && header.classList.contains('menu-open')) {
      header.classList.remove('menu-open');
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    }
  });
})();
