/** The docs page's only stylesheet, inline (its CSP allows exactly this text by hash). */
export const DOCS_STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:1040px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
nav ul{columns:3;padding-left:1rem}h2{margin-top:2.5rem;border-bottom:2px solid #333}
.op{border-top:1px solid #ccc;padding:.6rem 0 1rem}.op h3{margin:.4rem 0;font-size:1rem}
.m{display:inline-block;min-width:4.2rem;font:600 .85rem monospace;padding:.1rem .3rem;border-radius:3px;background:#e5e5e5}
.m-get{background:#d8ecff}.m-post{background:#dcf5dc}.m-put,.m-patch{background:#fff0cc}.m-delete{background:#ffdede}
.needs{color:#555}table{border-collapse:collapse}td,th{padding:.2rem .5rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:24rem}.media{margin:.3rem 0}
.try-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}.try-form .wide{flex-basis:100%}
.try-form textarea{width:100%;font-family:monospace}.try-form output{flex-basis:100%;white-space:pre-wrap;font-family:monospace;background:#f6f6f6}
.token{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ccc}`;
