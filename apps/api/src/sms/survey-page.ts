import { createHash } from 'node:crypto';

/**
 * The patient's survey page: server-rendered, no JavaScript, no third-party anything, a few KB. The only thing it
 * says about who sent it is the clinic's name — never the patient's name or anything else about them.
 */
export type SurveyView =
  | { state: 'form'; token: string; error?: string }
  | { state: 'answered'; token: string; score: number; canChange: boolean }
  | { state: 'used' }
  | { state: 'expired' }
  | { state: 'unknown' }
  | { state: 'rate_limited' }
  | { state: 'error' };

export const STATUS_OF: Record<SurveyView['state'], number> = {
  form: 200, answered: 200, used: 200, expired: 410, unknown: 404, rate_limited: 429, error: 500,
};

const ANCHORS: Record<number, string> = { 0: 'No pain', 10: 'Worst pain imaginable' };

/*
 * Mobile first (a 375 px phone is the design width), large targets (≥ 48 px), contrast ≥ 4.5:1 everywhere,
 * a visible focus ring, and colour never the only signal.
 */
const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
main{max-width:32rem;margin:0 auto;padding:.75rem 1rem 1.5rem}
.clinic{margin:0 0 .5rem;font-size:.95rem;font-weight:600;color:#36454f}
h1{font-size:1.3rem;line-height:1.25;margin:0 0 .4rem}
p{margin:.5rem 0}
.hint{color:#3d4852;margin:0 0 .75rem}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{padding:0;margin:0 0 .25rem}
.scale{display:flex;flex-direction:column;gap:.35rem;margin:0;padding:0;list-style:none}
.scale button{display:flex;align-items:center;gap:.9rem;width:100%;min-height:2.75rem;padding:.3rem 1rem;border:2px solid #1f4e79;border-radius:.6rem;background:#fff;color:#102a43;font:inherit;font-weight:600;text-align:left;cursor:pointer}
.scale button:hover{background:#e8f1fb}
.scale button:focus-visible,summary:focus-visible,a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.scale .n{display:inline-block;min-width:2.2ch;font-size:1.3rem;text-align:right}
.scale .w{font-weight:500;color:#243b53}
.scale button[aria-current=true]{background:#1f4e79;color:#fff}
.scale button[aria-current=true] .w{color:#fff}
.ok{border-left:6px solid #1b7f3b;background:#fff;padding:.8rem 1rem;border-radius:.4rem}
.err{border-left:6px solid #b3261e;background:#fff;padding:.6rem 1rem;border-radius:.4rem;color:#7a1b14}
details{margin-top:1.25rem}
summary{cursor:pointer;font-weight:600;color:#1f4e79;padding:.5rem 0}
footer{margin-top:2rem;font-size:.85rem;color:#4a5560}
`.trim();

/** The stylesheet is inline (no extra request) and allowed by its hash, so the policy needs no 'unsafe-inline'. */
const CSS_HASH = createHash('sha256').update(CSS).digest('base64');

/** No scripts at all; styles only by hash; the form may post only to this origin; never framed. */
export const SURVEY_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${CSS_HASH}'`,
  "img-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers for every patient page: strict CSP, never cached or indexed, and the token never leaves as a referrer. */
export const SURVEY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': SURVEY_CSP,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'Content-Type': 'text/html; charset=utf-8',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(clinicName: string, title: string, body: string): string {
  const clinic = escapeHtml(clinicName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · ${clinic}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<p class="clinic">${clinic}</p>
${body}
<footer>Pain diary from ${clinic}. For urgent concerns, call your clinic.</footer>
</main>
</body>
</html>`;
}

function scaleForm(token: string, current?: number): string {
  const buttons = Array.from({ length: 11 }, (_, n) => {
    const word = ANCHORS[n] ? `<span class="w">${escapeHtml(ANCHORS[n])}</span>` : '';
    const label = ANCHORS[n] ? `${n}, ${ANCHORS[n]}` : String(n);
    return `<li><button type="submit" name="score" value="${n}" aria-label="${escapeHtml(label)}"${current === n ? ' aria-current="true"' : ''}><span class="n">${n}</span>${word}</button></li>`;
  }).join('\n');
  return `<form method="post" action="/s/${escapeHtml(token)}">
<fieldset>
<legend><h1 id="q">How is your knee pain right now?</h1></legend>
<p class="hint" id="hint">Tap one number: 0 is no pain, 10 is the worst pain you can imagine.</p>
<ul class="scale" aria-labelledby="q" aria-describedby="hint">
${buttons}
</ul>
</fieldset>
</form>`;
}

export function renderSurveyPage(view: SurveyView, clinicName: string): string {
  switch (view.state) {
    case 'form':
      return layout(clinicName, 'Pain diary', `${view.error ? `<p class="err" role="alert">${escapeHtml(view.error)}</p>\n` : ''}${scaleForm(view.token)}`);
    case 'answered': {
      const change = view.canChange
        ? `<details>
<summary>Tapped the wrong number? Change your answer</summary>
<p>You can change it for 15 minutes.</p>
${scaleForm(view.token, view.score)}
</details>`
        : '';
      return layout(
        clinicName,
        'Thank you',
        `<div class="ok" role="status"><h1>Thank you — your answer is saved.</h1><p>You chose <strong>${view.score}</strong> out of 10. You can close this page.</p></div>\n${change}`,
      );
    }
    case 'used':
      return layout(clinicName, 'Already answered', `<h1>This question has already been answered.</h1><p>Thank you. There is nothing more to do; you can close this page.</p>`);
    case 'expired':
      return layout(clinicName, 'Link expired', `<h1>This link has expired.</h1><p>No problem — we will send you a new link when the next question is due.</p>`);
    case 'unknown':
      return layout(clinicName, 'Link not valid', `<h1>This link is not valid.</h1><p>Please open the complete link from the text message. If it still does not work, wait for the next message.</p>`);
    case 'rate_limited':
      return layout(clinicName, 'Please wait', `<h1>Too many attempts.</h1><p>Please wait a minute, then try the link again.</p>`);
    case 'error':
      return layout(clinicName, 'Something went wrong', `<h1>Something went wrong on our side.</h1><p>Please try the link again in a few minutes.</p>`);
  }
}
