import { h } from '../dom';

/**
 * A download button for a streamed export: reads the response body chunk by chunk, shows progress against
 * the count the server announces (x-export-expected), then saves the file. Rows (CSV lines) or entries
 * (FHIR resources, one per line) are counted as they arrive, so progress moves on exports of any size.
 */
export function exportButton(label: string, url: () => string, filename: string, countLine: (line: string) => boolean): HTMLElement {
  const button = h('button', { type: 'button' }, label);
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': `${label} progress` });
  const status = h('span', { class: 'small muted', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'Starting…';
    try {
      const res = await fetch(url(), { credentials: 'same-origin', headers: { accept: '*/*' } });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => ({}));
        throw new Error(body.message ?? `Export failed (${res.status})`);
      }
      const expected = Number(res.headers.get('x-export-expected')) || 0;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parts: BlobPart[] = [];
      let seen = 0;
      let carry = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        const lines = (carry + decoder.decode(value, { stream: true })).split('\n');
        carry = lines.pop() ?? '';
        seen += lines.filter(countLine).length;
        if (expected > 0) progress.value = Math.min(100, Math.round((seen / expected) * 100));
        status.textContent = expected > 0 ? `${Math.min(seen, expected)} of ${expected}` : `${seen} received`;
      }
      progress.value = 100;
      const link = h('a', { href: URL.createObjectURL(new Blob(parts, { type: res.headers.get('content-type') ?? 'application/octet-stream' })), download: filename });
      document.body.append(link);
      link.click();
      link.remove();
      status.textContent = `Done: ${expected || seen} ${filename.endsWith('.csv') ? 'rows' : 'entries'}.`;
    } catch (error) {
      status.textContent = (error as Error).message;
      progress.hidden = true;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { class: 'export-row' }, button, progress, status);
}
