// Loads each page spm wrote in Debian's Chromium (headless, through playwright-core) and checks
// it: no request leaves the page's own file (data: URIs are fine), the page breaks none of its
// own Content-Security-Policy and throws no error, axe-core finds no WCAG 2.2 AA violation
// (at 1280 and at 375 px wide), and at 375 px the document itself does not scroll sideways.
// It keeps full-page screenshots at both widths and a PDF print of each page in --out, and,
// for each --doc PICTURE=PAGE, the page at 1280 px cut to its first 1600 px for the README.
//
//   node check.mjs --out DIR [--doc docs/board.png=site/board.html ...] PAGE.html ...
//
// Prints one line per page, then a summary; exits 1 if any page failed, 2 on a usage error or
// when Chromium does not start.
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [1280, 375];
const HEIGHT = 900;
const DOC_HEIGHT = 1600;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

function usage(message) {
    console.error(`error: ${message}`);
    console.error("usage: node check.mjs --out DIR [--doc PICTURE.png=PAGE.html ...] PAGE.html ...");
    process.exit(2);
}

const pages = [];
const docs = new Map(); // resolved page path -> picture path
let out = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
    if (args[i] === "--out") {
        out = args[++i] ?? usage("--out needs a folder");
    } else if (args[i] === "--doc") {
        const spec = args[++i] ?? usage("--doc needs PICTURE=PAGE");
        const at = spec.indexOf("=");
        if (at < 1) usage(`--doc ${spec}: expected PICTURE.png=PAGE.html`);
        docs.set(resolve(spec.slice(at + 1)), resolve(spec.slice(0, at)));
    } else if (args[i].startsWith("-")) {
        usage(`unknown option ${args[i]}`);
    } else {
        pages.push(resolve(args[i]));
    }
}
if (!out) usage("--out is required");
if (pages.length === 0) usage("no pages to check");
for (const page of docs.keys()) {
    if (!pages.includes(page)) usage(`--doc names ${page}, which is not among the pages`);
}
mkdirSync(out, { recursive: true });

// A name for a page's outputs: its path from the common folder of all pages, with / as -.
const common = pages.map(dirname).reduce((a, b) => {
    while (!(b + "/").startsWith(a + "/")) a = dirname(a);
    return a;
});
const label = (file) => relative(common, file);
const shown = (path) => (relative(process.cwd(), path).startsWith("..") ? path : relative(process.cwd(), path));
const stem = (file) => label(file).replace(/\.html$/, "").replaceAll("/", "-");

let browser;
try {
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // Chromium's sandbox will not start as root (CI runs as root). Without the
        // background-networking flags Chromium itself (not the page) tries to reach Google,
        // which this test must neither need nor count.
        args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--font-render-hinting=none",
        ],
    });
} catch (error) {
    console.error(`error: could not start Chromium at ${CHROMIUM}: ${error.message.split("\n")[0]}`);
    process.exit(2);
}

async function checkPage(file) {
    const url = pathToFileURL(file).href;
    const problems = [];
    // The page's own CSP stays in force (no bypassCSP): what is checked is what a reader gets.
    // axe goes in through the DevTools protocol (page.evaluate), which the CSP does not govern.
    const context = await browser.newContext({
        viewport: { width: WIDTHS[0], height: HEIGHT },
        deviceScaleFactor: 1,
        colorScheme: "light",
        reducedMotion: "reduce",
        locale: "en-GB",
        timezoneId: "Europe/London",
    });
    const requests = [];
    // Anything but the page itself or a data: URI is recorded, then refused before it leaves.
    await context.route("**/*", (route) => {
        const target = route.request().url();
        if (target.split("#")[0] === url || target.startsWith("data:")) return route.continue();
        return route.abort("blockedbyclient");
    });
    context.on("request", (request) => {
        const target = request.url();
        if (target.split("#")[0] !== url && !target.startsWith("data:")) requests.push(target);
    });
    const page = await context.newPage();
    page.on("console", (message) => {
        const text = message.text();
        if (/Content Security Policy|Refused to/i.test(text)) problems.push(`breaks its CSP: ${text.split(". ")[0]}`);
        // A request refused by the route below is reported once, as a request.
        else if (message.type() === "error" && !text.includes("ERR_BLOCKED_BY_CLIENT")) problems.push(`console error: ${text}`);
    });
    page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));

    const response = await page.goto(url, { waitUntil: "load" });
    if (response && !response.ok()) problems.push(`loading it answered ${response.status()}`);
    await page.evaluate(() => document.fonts.ready);
    const title = await page.title();
    if (!title.trim()) problems.push("it has no <title>");

    await page.evaluate(AXE_SOURCE);
    const violations = new Map(); // rule id -> { help, impact, widths, targets }
    const incomplete = new Set(); // rules axe could not decide, for a person to look at
    let height = 0;
    let overflow = null;
    for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        const result = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] }),
            AXE_TAGS,
        );
        for (const r of result.incomplete) incomplete.add(r.id);
        for (const v of result.violations) {
            const seen = violations.get(v.id) ?? { help: v.help, impact: v.impact, widths: [], targets: new Set(), count: 0 };
            seen.widths.push(width);
            seen.count = Math.max(seen.count, v.nodes.length);
            for (const node of v.nodes.slice(0, 3)) {
                // The first reason axe gives ("Fix any of the following:" is its first line).
                const why = (node.failureSummary ?? "").split("\n")[1]?.trim();
                seen.targets.add(`${node.target.join(" ")}${why ? `: ${why}` : ""}`);
            }
            violations.set(v.id, seen);
        }
        const shot = `${out}/${stem(file)}-${width}.png`;
        await page.screenshot({ path: shot, fullPage: true, animations: "disabled" });
        if (width === WIDTHS[0]) {
            height = await page.evaluate(() => document.documentElement.scrollHeight);
            // Where the content ends (a short page leaves the rest of the window blank).
            const contentHeight = await page.evaluate(() => {
                const body = document.body;
                const margin = parseFloat(getComputedStyle(body).marginBottom) || 0;
                return Math.ceil(body.getBoundingClientRect().bottom + window.scrollY + margin + 16);
            });
            const picture = docs.get(file);
            if (picture) {
                mkdirSync(dirname(picture), { recursive: true });
                await page.screenshot({
                    path: picture,
                    fullPage: true,
                    animations: "disabled",
                    clip: { x: 0, y: 0, width, height: Math.min(DOC_HEIGHT, contentHeight) },
                });
            }
        } else {
            const scroll = await page.evaluate(() => {
                const doc = document.documentElement;
                // The widest element that sticks out of the document, to name in the failure.
                let widest = null;
                for (const el of document.body.querySelectorAll("*")) {
                    const right = el.getBoundingClientRect().right + window.scrollX;
                    if (right > doc.clientWidth + 1 && (!widest || right > widest.right)) {
                        widest = { right: Math.round(right), tag: el.tagName.toLowerCase(), cls: el.className && typeof el.className === "string" ? el.className : "" };
                    }
                }
                return { scrollWidth: doc.scrollWidth, widest };
            });
            if (scroll.scrollWidth > width + 1) {
                const culprit = scroll.widest ? `; widest: <${scroll.widest.tag}${scroll.widest.cls ? ` class="${scroll.widest.cls}"` : ""}> reaching ${scroll.widest.right} px` : "";
                overflow = `at ${width} px the document scrolls sideways (scrollWidth ${scroll.scrollWidth})${culprit}`;
            }
        }
    }
    if (overflow) problems.push(overflow);

    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
    const pdf = `${out}/${stem(file)}.pdf`;
    await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    const pdfPages = (readFileSync(pdf, "latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;

    for (const target of requests) problems.push(`made a network request: ${target}`);
    for (const [id, v] of violations) {
        problems.push(`axe ${id} (${v.impact}, ${v.count} element${v.count === 1 ? "" : "s"}, at ${v.widths.join(" and ")} px): ${v.help}`);
        for (const target of v.targets) problems.push(`    ${target}`);
    }
    await context.close();
    return { file, title, height, pdfPages, incomplete: [...incomplete].sort(), problems, violations: violations.size };
}

const results = [];
for (const file of pages) {
    let result;
    try {
        result = await checkPage(file);
    } catch (error) {
        result = { file, problems: [`could not be checked: ${error.message.split("\n")[0]}`], violations: 0 };
    }
    results.push(result);
    const name = label(file);
    if (result.problems.length === 0) {
        console.log(
            `ok    ${name}: "${result.title}", axe 0 violations${result.incomplete.length ? ` (to review by hand: ${result.incomplete.join(", ")})` : ""}, no requests, ` +
                `375 px fits, ${result.height} px tall at 1280, PDF ${result.pdfPages} page${result.pdfPages === 1 ? "" : "s"}`,
        );
    } else {
        console.log(`FAIL  ${name}:`);
        for (const problem of result.problems) console.log(`        ${problem}`);
    }
}
await browser.close();

const failed = results.filter((r) => r.problems.length > 0);
for (const [file, picture] of docs) console.log(`wrote ${shown(picture)} from ${label(file)}`);
console.log(`screenshots and PDFs in ${shown(resolve(out)) || "."}`);
if (failed.length > 0) {
    console.log(`browser test: ${failed.length} of ${results.length} pages failed: ${failed.map((r) => basename(r.file)).join(", ")}`);
    process.exit(1);
}
console.log(`browser test: all ${results.length} pages passed`);
