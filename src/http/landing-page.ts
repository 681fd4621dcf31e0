// Apollo's own landing page loads its sandbox from a CDN, which a hotline's internal network (and this
// project's machines) cannot reach. This page works offline: log in, write a query, run it.

const EXAMPLE = `query MyWork {
  me { username displayName roles }
  serviceRequests(first: 5, filter: { status: [DISPATCHED, IN_PROGRESS] }) {
    totalCount
    edges { node { code title status dueAt overdue category { name } } }
  }
}`;

export function landingPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>12345 热线后台 API</title>
<style>
 body{font:14px/1.5 system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
 textarea,pre{width:100%;box-sizing:border-box;font:13px ui-monospace,monospace}
 textarea{height:14em} pre{background:#f4f4f4;padding:1em;min-height:6em;white-space:pre-wrap}
 input,button{font:inherit;padding:.2em .5em} code{background:#f4f4f4;padding:0 .2em}
</style></head><body>
<h1>12345 hotline back office — GraphQL API</h1>
<p>POST <code>/graphql</code> with <code>Authorization: Bearer &lt;token&gt;</code> (from the <code>login</code> mutation).
Health: <a href="/healthz"><code>/healthz</code></a>. Demo accounts (development only): <code>agent01</code>,
<code>supervisor01</code>, <code>liaison_urban</code>, <code>analyst01</code>, <code>admin</code>; password <code>demo12345</code> unless DEMO_PASSWORD says otherwise.</p>
<p><input id="u" value="agent01" placeholder="username"> <input id="p" type="password" value="demo12345" placeholder="password">
<button id="login">Log in</button> <span id="who"></span></p>
<textarea id="q">${EXAMPLE}</textarea>
<p>Variables (JSON): <input id="v" style="width:60%" value="{}"> <button id="run">Run</button></p>
<pre id="out"></pre>
<script>
let token = '';
const $ = (id) => document.getElementById(id);
async function gql(query, variables) {
  const res = await fetch('/graphql', { method: 'POST', headers: Object.assign({ 'content-type': 'application/json' },
    token ? { authorization: 'Bearer ' + token } : {}), body: JSON.stringify({ query, variables }) });
  return res.json();
}
$('login').onclick = async () => {
  const r = await gql('mutation($u:String!,$p:String!){login(username:$u,password:$p){token staff{displayName roles}}}', { u: $('u').value, p: $('p').value });
  if (r.data) { token = r.data.login.token; $('who').textContent = r.data.login.staff.displayName + ' ' + r.data.login.staff.roles.join(','); }
  $('out').textContent = JSON.stringify(r.errors || 'logged in', null, 2);
};
$('run').onclick = async () => {
  let vars = {};
  try { vars = JSON.parse($('v').value || '{}'); } catch (e) { $('out').textContent = 'variables are not JSON'; return; }
  $('out').textContent = JSON.stringify(await gql($('q').value, vars), null, 2);
};
</script></body></html>`;
}
