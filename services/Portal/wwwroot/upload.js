// Upload forms with a progress bar: the form posts as usual without this script; with it, the file is sent in the
// background so that the bar can show how much has gone, and the page then goes where the server sends it.
document.addEventListener('submit', event => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-upload')) return;
  const bar = form.querySelector('progress');
  const status = form.querySelector('[data-upload-status]');
  if (!bar || typeof XMLHttpRequest === 'undefined') return;
  event.preventDefault();
  const request = new XMLHttpRequest();
  request.open('POST', form.action);
  bar.hidden = false;
  bar.value = 0;
  request.upload.addEventListener('progress', progress => {
    if (!progress.lengthComputable) return;
    bar.max = progress.total;
    bar.value = progress.loaded;
    if (status) status.textContent = Math.round(100 * progress.loaded / progress.total) + ' %';
  });
  request.addEventListener('load', () => { bar.value = bar.max; window.location.assign(request.responseURL || form.action); });
  request.addEventListener('error', () => { if (status) status.textContent = form.getAttribute('data-upload-failed') || 'Upload failed.'; });
  for (const button of form.querySelectorAll('button')) button.disabled = true;
  request.send(new FormData(form));
});
