/** The one stylesheet, served from /assets/ under a content-hashed name (no inline styles: the CSP forbids them). */
export const STYLES = `
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c9c9c9; --bg: #ffffff; --soft: #f3f5f7; --brand: #0b4f8a;
  --brand-dark: #083a66; --ok: #1d6b35; --warn: #8a4b00; --bad: #a01919; --mark: #ffe58a; --focus: #ffbf47; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
  background: var(--bg); line-height: 1.5; }
body { margin: 0; }
a { color: var(--brand); }
a:hover { color: var(--brand-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site { background: var(--brand); color: #fff; }
header.site a, header.site .linklike { color: #fff; }
.site-inner, main, footer.site > div { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.topbar { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; justify-content: space-between;
  padding: .75rem 0; }
.brand { font-size: 1.35rem; font-weight: 700; text-decoration: none; }
.brand small { display: block; font-size: .85rem; font-weight: 400; }
.account { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.account form { margin: 0; }
.linklike { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
nav.main ul { list-style: none; margin: 0; padding: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
nav.main a { text-decoration: none; padding: .25rem 0; display: inline-block; border-bottom: 3px solid transparent; }
nav.main a[aria-current="page"] { border-bottom-color: #fff; font-weight: 700; }
main { padding-top: 1.5rem; padding-bottom: 3rem; }
main:focus { outline: none; }
footer.site { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1rem 0 2rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 2rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; background: var(--bg); }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain > li { padding: .5rem 0; border-bottom: 1px solid var(--line); }
.meta { color: var(--muted); font-size: .95rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: 0 0 1rem; }
form.inline > div, .field { display: flex; flex-direction: column; gap: .2rem; }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; }
input[type="text"], input[type="search"], input[type="password"], input[type="file"], select, textarea {
  border: 1px solid #6b6b6b; border-radius: 4px; padding: .4rem .5rem; background: #fff; color: var(--ink); max-width: 100%; }
textarea { width: 100%; min-height: 4rem; }
button, .button { background: var(--brand); color: #fff; border: 1px solid var(--brand); border-radius: 4px;
  padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button:hover, .button:hover { background: var(--brand-dark); color: #fff; }
button.secondary { background: #fff; color: var(--brand); }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .75rem 1rem; }
legend { font-weight: 700; padding: 0 .25rem; }
.badge { display: inline-block; border-radius: 999px; padding: 0 .6rem; font-size: .85rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.badge.open { color: var(--brand); }
.badge.overdue, .badge.not-taken-up, .badge.hidden { color: var(--bad); }
.badge.done, .badge.reported, .badge.taken-up { color: var(--ok); }
.badge.cancelled, .badge.pending, .badge.suggested { color: var(--muted); }
.badge.kind { color: var(--ink); }
a.badge { text-decoration: none; }
mark { background: var(--mark); color: var(--ink); padding: 0 .1em; }
.item { border-top: 2px solid var(--line); padding: .5rem 0 1rem; }
.item h3 { display: flex; gap: .5rem; align-items: baseline; flex-wrap: wrap; }
.item h3 a.anchor { font-size: .9rem; font-weight: 400; }
.item-text { white-space: pre-line; }
.decisions { background: #eef5fb; border-left: 4px solid var(--brand); padding: .5rem 1rem; margin: .75rem 0; }
.decisions h4 { margin: .25rem 0 .5rem; }
.decisions ol { margin: 0; padding-left: 1.25rem; }
.notice { border-left: 4px solid var(--warn); background: #fff6e8; padding: .5rem 1rem; margin: 1rem 0; }
.notice.ok { border-left-color: var(--ok); background: #eaf6ee; }
.notice.error { border-left-color: var(--bad); background: #fdecec; }
.warnings li { margin-bottom: .25rem; }
ul.inline-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.pagination ul { list-style: none; padding: 0; display: flex; gap: 1rem; align-items: center; }
.hits > li { padding: .75rem 0; border-bottom: 1px solid var(--line); }
.hit-title { font-size: 1.1rem; font-weight: 600; }
.facets { font-size: .95rem; }
.facets ul { list-style: none; padding: 0; margin: 0 0 1rem; }
figure.chart { margin: 1rem 0 2rem; }
figure.chart svg { max-width: 100%; height: auto; }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: .9rem; margin: .25rem 0; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border: 1px solid var(--ink); vertical-align: -2px;
  margin-right: .3rem; }
.swatch.s0 { background: #0b4f8a; } .swatch.s1 { background: #1d6b35; } .swatch.s2 { background: #a01919; }
.search-row { display: flex; gap: .5rem; flex-wrap: wrap; align-items: flex-end; }
.search-row input[type="search"] { min-width: min(28rem, 100%); }
.layout-2 { display: grid; grid-template-columns: 15rem 1fr; gap: 2rem; }
@media (max-width: 48rem) { .layout-2 { grid-template-columns: 1fr; } }
.review-row { border-bottom: 1px solid var(--line); padding: .5rem 0; }
.review-row form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; }
`;
