// The private checker in a real browser: headless Chromium opens target/web/attrib.html from
// disk, the bundled example story is typed into it, and the quotes marked, their speakers and
// the findings listed are compared with what the attrib binary says of the same story. Fails
// if the page makes any network request. Saves a screenshot, and prints the time of each
// re-analysis while typing into a 10 KB story.
//
// Usage: node web/test/browser.mjs ATTRIB_BINARY   (after web/build.sh; CHROMIUM= to pick one)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.resolve(process.argv[2] || path.join(root, "target/release/attrib"));
const page_file = path.join(root, "target/web/attrib.html");
const example = path.join(root, "fixtures/examples/diplomacy-miami.txt");
const chromium = process.env.CHROMIUM
  || ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!chromium) {
  console.log("browser test: no Chromium found (apt-get install chromium, or set CHROMIUM); skipped");
  process.exit(0);
}
const fail = (msg) => { console.error(`browser test: ${msg}`); process.exitCode = 1; };

const story = readFileSync(example, "utf8");
// What the command line says of the same story.
const quotesJson = JSON.parse(execFileSync(bin, ["quotes", "--format", "json", example]).toString());
const want = quotesJson.files[0].quotes.filter((q) => q.kind !== "term");
let checkOut;
try {
  checkOut = execFileSync(bin, ["check", "--format", "json", "--isolated", example]).toString();
} catch (e) {
  checkOut = e.stdout.toString(); // exit 1: findings at error level
}
const wantRules = JSON.parse(checkOut).files[0].findings.map((f) => f.rule).sort();

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const requests = [];
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("file:") && !u.startsWith("data:")) requests.push(u);
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`file://${page_file}`, { waitUntil: "load" });

  // Type the story: all but its last 120 characters pasted, the rest typed key by key.
  const cut = story.length - 120;
  await page.$eval("#story", (el, v) => {
    el.value = v;
    el.focus();
    el.setSelectionRange(v.length, v.length);
    el.dispatchEvent(new Event("input"));
  }, story.slice(0, cut));
  await page.type("#story", story.slice(cut));

  const got = await page.$$eval("#view mark.quote", (ms) =>
    ms.map((m) => ({ speaker: m.dataset.speaker, cls: m.dataset.class, text: m.textContent })));
  const gotRules = (await page.$$eval("#findings li", (ls) => ls.map((l) => l.dataset.rule))).sort();
  const badges = await page.$$eval("#view sup.who", (s) => s.map((x) => x.textContent));
  const bars = await page.$$eval("#chart rect", (rs) => rs.map((r) => r.dataset.class));
  const summary = await page.$eval("#summary", (s) => s.textContent);

  if (got.length !== want.length) fail(`${got.length} quotes marked, attrib quotes gives ${want.length}`);
  want.forEach((q, i) => {
    const g = got[i];
    const speaker = q.speaker ? q.speaker.text : "";
    const cls = q.speaker ? q.speaker.class : "none";
    if (!g || g.speaker !== speaker || g.cls !== cls) {
      fail(`quote ${i + 1}: page ${JSON.stringify(g)}, attrib ${JSON.stringify({ speaker, cls })}`);
    }
  });
  if (JSON.stringify(gotRules) !== JSON.stringify(wantRules)) {
    fail(`findings ${gotRules.join(",")} against attrib check's ${wantRules.join(",")}`);
  }
  if (badges.length !== want.length) fail(`${badges.length} speaker badges for ${want.length} quotes`);
  if (bars.length === 0) fail("no bars in the sources chart");
  if (!/unnamed/.test(summary)) fail(`summary: ${summary}`);
  if (requests.length) fail(`network requests: ${requests.join(", ")}`);
  if (errors.length) fail(`page errors: ${errors.join("; ")}`);

  mkdirSync(path.join(root, "target/web"), { recursive: true });
  const shot = path.join(root, "target/web/screenshot.png");
  await page.screenshot({ path: shot });

  // Per-keystroke time on a 10 KB story: the example repeated, then 40 keys typed.
  let big = "";
  while (big.length < 10_000) big += story + "\n\n";
  await page.$eval("#story", (el, v) => {
    el.value = v;
    el.focus();
    el.setSelectionRange(v.length, v.length);
    el.dispatchEvent(new Event("input"));
  }, big);
  await page.evaluate(() => { window.attribTimes = []; window.attribAnalyseTimes = []; });
  await page.type("#story", "The minister said nothing more.\n\n\"No.\"");
  const times = (await page.evaluate(() => window.attribTimes)).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const max = times[times.length - 1];
  const alone = (await page.evaluate(() => window.attribAnalyseTimes)).sort((a, b) => a - b);
  const analyseMedian = alone[Math.floor(alone.length / 2)];
  console.log(`browser test: ${got.length} quotes and ${gotRules.length} findings as attrib gives them; ` +
    `${requests.length} network requests; screenshot ${path.relative(root, shot)}; ` +
    `${big.length} B story, ${times.length} keystrokes: median ${median.toFixed(2)} ms, max ${max.toFixed(2)} ms per re-analysis and redraw (the WebAssembly analysis alone: median ${analyseMedian.toFixed(2)} ms)`);
  if (median > 16) fail(`median re-analysis ${median.toFixed(1)} ms is over one frame (16 ms)`);
} finally {
  await browser.close();
}
