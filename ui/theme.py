"""The page's look (CSS) and the one behaviour Gradio lacks (a marker click scrolls to its card).

Kept as strings, not files, so an installed (non-editable) ``ui`` package needs no package data. Nothing here
loads anything from the network: fonts are Gradio's bundled ones or the system's.
"""

from __future__ import annotations

CSS = """
:root { --qa-accent: #4f46e5; --qa-accent-soft: #eef2ff; --qa-mark: #fde68a; --qa-line: #e5e7eb;
        --qa-muted: #6b7280; --qa-card: #ffffff; --qa-text: #111827; }
.dark { --qa-accent: #a5b4fc; --qa-accent-soft: #1e1b4b; --qa-mark: #854d0e; --qa-line: #374151;
        --qa-muted: #9ca3af; --qa-card: #111827; --qa-text: #f3f4f6; }
.gradio-container { max-width: 1360px !important; margin: 0 auto !important; }
footer { opacity: .6; }

/* header */
.qa-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 10px 18px;
             padding: 6px 2px 2px; }
.qa-brand { display: flex; align-items: baseline; gap: 12px; }
.qa-logo { font-weight: 800; font-size: 26px; letter-spacing: -0.5px; color: var(--qa-accent); }
.qa-tagline { color: var(--qa-muted); font-size: 14px; }
.qa-status { display: flex; flex-wrap: wrap; gap: 6px; }
.qa-chip { display: inline-flex; border: 1px solid var(--qa-line); border-radius: 999px; overflow: hidden;
           font-size: 12px; line-height: 22px; background: var(--qa-card); }
.qa-chip-k { padding: 0 8px; color: var(--qa-muted); background: rgba(127,127,127,.08); }
.qa-chip-v { padding: 0 9px; color: var(--qa-text); font-weight: 600; max-width: 340px; overflow: hidden;
             text-overflow: ellipsis; white-space: nowrap; }

/* chat messages */
.qa-question { white-space: pre-wrap; }
.qa-answer { line-height: 1.6; }
.qa-answer-text { white-space: normal; }
.qa-searched { display: inline-flex; align-items: baseline; gap: 8px; flex-wrap: wrap; font-size: 12.5px;
               margin: 0 0 8px; padding: 3px 10px; border-radius: 8px; background: var(--qa-accent-soft);
               color: var(--qa-text); }
.qa-searched-label { text-transform: uppercase; letter-spacing: .06em; font-size: 10.5px; font-weight: 700;
                     color: var(--qa-accent); }
.qa-searched-query { font-style: italic; }
a.qa-cite, .qa-cite-demo { display: inline-block; min-width: 1.6em; padding: 0 4px; margin: 0 1px;
          border-radius: 6px; background: var(--qa-accent-soft); color: var(--qa-accent) !important;
          font-size: .78em; font-weight: 700; line-height: 1.5; text-align: center; text-decoration: none !important;
          vertical-align: 1px; cursor: pointer; border: 1px solid transparent; }
a.qa-cite:hover { border-color: var(--qa-accent); }
.qa-error { color: #b91c1c; font-size: 14px; }
.dark .qa-error { color: #fca5a5; }
.qa-meta { margin-top: 8px; font-size: 11.5px; color: var(--qa-muted); }
.qa-caret { display: inline-block; width: 7px; height: 1em; margin-left: 2px; vertical-align: -2px;
            background: var(--qa-accent); animation: qa-blink 1s steps(1) infinite; }
@keyframes qa-blink { 50% { opacity: 0; } }

/* sources panel */
#qa-sources-panel { max-height: 78vh; overflow-y: auto; padding-right: 4px; }
.qa-sources-title { font-weight: 700; font-size: 15px; margin: 2px 0 8px; }
.qa-sources-empty { color: var(--qa-muted); font-size: 14px; border: 1px dashed var(--qa-line); border-radius: 12px;
                    padding: 18px; }
.qa-turn { border: 1px solid var(--qa-line); border-radius: 12px; margin: 0 0 10px; padding: 0 10px 2px;
           background: rgba(127,127,127,.03); }
.qa-turn > summary { cursor: pointer; padding: 8px 0; font-size: 13px; color: var(--qa-muted); list-style: none;
                     white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.qa-turn > summary::-webkit-details-marker { display: none; }
.qa-turn > summary::before { content: "▸"; display: inline-block; width: 1em; color: var(--qa-muted); }
.qa-turn[open] > summary::before { content: "▾"; }
.qa-turn-no { font-weight: 700; color: var(--qa-accent); }
.qa-turn-q { color: var(--qa-text); }
.qa-card { background: var(--qa-card); border: 1px solid var(--qa-line); border-radius: 10px; padding: 10px 12px;
           margin: 0 0 10px; box-shadow: 0 1px 2px rgba(0,0,0,.04); scroll-margin: 80px;
           transition: box-shadow .3s, border-color .3s; }
.qa-card.qa-flash { border-color: var(--qa-accent); box-shadow: 0 0 0 3px rgba(79,70,229,.25); }
.qa-card-head { display: flex; gap: 8px; align-items: flex-start; }
.qa-num { flex: none; display: inline-flex; align-items: center; justify-content: center; width: 22px; height: 22px;
          border-radius: 6px; background: var(--qa-accent); color: #fff; font-size: 12px; font-weight: 700; }
.dark .qa-num { color: #111827; }
.qa-title { font-weight: 600; font-size: 13.5px; line-height: 1.35; color: var(--qa-text); }
.qa-card-file { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; margin: 6px 0 6px 30px;
                font-size: 11.5px; color: var(--qa-muted); }
.qa-file { font-family: var(--font-mono, ui-monospace, monospace); font-size: 11.5px; color: var(--qa-text);
           background: rgba(127,127,127,.1); border-radius: 4px; padding: 0 5px; }
.qa-score { display: inline-flex; align-items: center; gap: 5px; }
.qa-meter { display: inline-block; width: 44px; height: 5px; border-radius: 3px; background: var(--qa-line);
            overflow: hidden; }
.qa-meter > span { display: block; height: 100%; background: var(--qa-accent); }
.qa-passage { margin: 0 0 0 30px !important; padding: 6px 0 2px 10px !important;
              border-left: 3px solid var(--qa-line) !important; font-size: 13px; line-height: 1.55;
              color: var(--qa-text); }
.qa-ctx { color: var(--qa-muted); }
mark.qa-quote { background: var(--qa-mark); color: var(--qa-text); padding: 1px 2px; border-radius: 3px;
                box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.qa-pending { color: var(--qa-muted); font-size: 13px; padding: 4px 0 10px; }
.qa-empty { color: var(--qa-muted); font-size: 13px; padding: 4px 0 10px; }

/* controls and examples */
#qa-controls { align-items: center; gap: 10px; }
.qa-mode-note { font-size: 12px; color: var(--qa-muted); line-height: 1.4; }
#qa-clear { align-self: center; }
#qa-examples .gallery-item { max-width: 100%; text-align: left; }
.qa-example { font-size: 13px; white-space: normal; }

/* FAQ */
#qa-examples .label, #qa-examples > .block-label { font-size: 12px; }
.qa-faq { max-width: 980px; }
.qa-faq-item { border-bottom: 1px solid var(--qa-line); padding: 14px 0 10px; }
.qa-faq-item h3 { margin: 0 0 2px !important; font-size: 16px !important; font-weight: 700 !important; }
.qa-faq-asked { font-size: 12px; color: var(--qa-muted); margin-bottom: 8px; }
.qa-faq .qa-answer-text { line-height: 1.6; margin-bottom: 10px; }
.qa-faq-intro { color: var(--qa-muted); margin: 4px 0 0; }
.qa-faq-sources { display: flex; flex-direction: column; gap: 4px; }
.qa-faq-src { border: 1px solid var(--qa-line); border-radius: 8px; padding: 0 10px; background: var(--qa-card);
              scroll-margin: 80px; }
.qa-faq-src > summary { display: flex; align-items: center; gap: 10px; padding: 5px 0; cursor: pointer;
                        list-style: none; font-size: 12px; color: var(--qa-muted); }
.qa-faq-src > summary::-webkit-details-marker { display: none; }
.qa-faq-src .qa-num { width: 20px; height: 20px; font-size: 11px; }
.qa-faq-src-hint { margin-left: auto; color: var(--qa-accent); }
.qa-faq-src[open] .qa-faq-src-hint { visibility: hidden; }
.qa-faq-src .qa-passage { margin: 0 0 8px 30px !important; }
.qa-faq-src.qa-flash { border-color: var(--qa-accent); box-shadow: 0 0 0 3px rgba(79,70,229,.25); }
"""

# A marker is a link to "#src-<turn>-<n>". Gradio renders chat links with target="_blank", which would open a
# new tab: intercept the click instead, unfold the turn's sources and scroll the card into view.
HEAD = """
<script>
document.addEventListener("click", function (event) {
  var link = event.target && event.target.closest ? event.target.closest("a.qa-cite") : null;
  if (!link) { return; }
  var id = link.getAttribute("data-target") || (link.getAttribute("href") || "").replace(/^#/, "");
  var card = document.getElementById(id);
  event.preventDefault();
  event.stopPropagation();
  if (!card) { return; }
  var fold = card.closest("details");
  if (fold) { fold.open = true; }
  card.scrollIntoView({ behavior: "smooth", block: "center" });
  card.classList.remove("qa-flash");
  void card.offsetWidth;
  card.classList.add("qa-flash");
  setTimeout(function () { card.classList.remove("qa-flash"); }, 1600);
}, true);
</script>
"""
