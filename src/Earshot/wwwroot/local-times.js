// Shows times in the reader's time zone (the one they chose in their preferences, else the device's) and language:
// <time datetime data-local> elements are rewritten from the UTC instant they carry, and hidden inputs marked
// data-time-zone carry the zone with a form, so times typed into it are read in that zone too. Without script, pages
// show UTC (or the zone the server was told). Pages that replace part of themselves call
// window.earshotLocalTimes(root) on the new part.
(() => {
  const chosen = document.querySelector('meta[name="earshot-time-zone"]')?.content;
  const zone = chosen || Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const input of document.querySelectorAll('input[data-time-zone]')) {
    if (!input.value && zone) input.value = zone;
  }
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short', timeZone: zone,
  });
  const localise = (root) => {
    for (const time of root.querySelectorAll('time[data-local]')) {
      const instant = new Date(time.getAttribute('datetime'));
      if (!Number.isNaN(instant.getTime())) {
        time.title = time.textContent;
        time.textContent = format.format(instant);
      }
    }
  };
  window.earshotLocalTimes = localise;
  localise(document);
})();
