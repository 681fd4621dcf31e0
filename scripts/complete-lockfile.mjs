#!/usr/bin/env node
// The npm registry this project's machines reach serves no packages for other platforms (darwin, win32, …
// builds of @swc/core, msgpackr-extract, jest's resolver), so `npm install` leaves them out of
// package-lock.json and `npm ci` then refuses the lock file as "out of sync". This adds the missing
// optional platform packages as lock entries restricted to their own os/cpu: npm skips them on this
// platform exactly as it would with complete metadata. Run it after changing dependencies:
//   npm install && node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = { x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', ppc64: 'ppc64', s390x: 's390x', loong64: 'loong64', riscv64: 'riscv64', mips64el: 'mips64el' };

/** "@swc/core-linux-arm-gnueabihf" → { os: linux, cpu: arm }, from the platform words in the name. */
function platformOf(name) {
  const words = name.split('/').pop().split('-');
  const os = words.find((w) => OS.includes(w));
  const cpu = words.map((w) => CPU[w]).find(Boolean);
  return os && cpu ? { os, cpu } : null;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key] || packages[`${path}/${key}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    packages[key] = { version, cpu: [platform.cpu], os: [platform.os], optional: true, ...(entry.dev ? { dev: true } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
