// Run in the portal page by bench/portal-check.ts before a file is chosen: what the page measures
// about itself while it checks. Kept as text, sent to the page as it is written (the page is a
// browser, this project's type checking is Node's).
export const PAGE_PROBE = `
(() => {
  const bench = { changeAt: 0, summaryAt: 0, frames: [], longTasks: [], clickWaits: [], keyWaits: [] };
  window.bench = bench;
  document.getElementById('file').addEventListener('change', () => (bench.changeAt = performance.now()), {
    capture: true,
  });
  new MutationObserver(() => {
    if (!bench.summaryAt && document.getElementById('check-summary')) bench.summaryAt = performance.now();
  }).observe(document.getElementById('check'), { childList: true, subtree: true });
  // Animation frames keep coming only while the page's main thread is free.
  const tick = (at) => {
    if (bench.summaryAt) return;
    if (bench.changeAt) bench.frames.push(at);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // Tasks of 50 ms or more on the main thread: what makes a page feel stuck.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (bench.changeAt && !bench.summaryAt) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: false });
  // How long each input event waited for the page before its handler ran.
  document
    .querySelector('#fix-help summary')
    .addEventListener('click', (event) => bench.clickWaits.push(performance.now() - event.timeStamp));
  // A field to type into while the check runs (the partner's page has no free-text field of its own).
  const field = Object.assign(document.createElement('input'), { id: 'bench-typing', type: 'text' });
  field.setAttribute('aria-label', 'Typing while the file is checked');
  field.addEventListener('keydown', (event) => bench.keyWaits.push(performance.now() - event.timeStamp));
  document.getElementById('upload-form').append(field);
})();
`;
