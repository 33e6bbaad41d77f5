// One tag to put an mmml demo in any course page:
//
//   <script type="module" src="https://your.site/mmml/embed.js"></script>
//   <mmml-demo demo="pid" preset="and" measure="imin"></mmml-demo>
//
// Every attribute but `demo`, `height` and the page's own (id, class, style,
// title, data-*, aria-*, ...) becomes a setting of the demo's link (the same
// names as in its URL). The demo runs in an iframe of this
// site, so several can share a page without interfering; it is loaded only
// when it first scrolls into view, and is told when it leaves the screen so a
// demo that animates can pause.

const SITE = new URL(".", import.meta.url);
/** Each demo and its height in pixels when the tag gives none (about its whole page). */
const DEMOS = new Map([
  ["pid", 1300],
  ["fusion", 1500],
  ["coordination", 1900],
]);
/** Attributes that belong to the course page, not to the demo. */
const OWN = new Set([
  "demo",
  "height",
  "id",
  "class",
  "style",
  "title",
  "lang",
  "dir",
  "hidden",
  "tabindex",
  "slot",
]);
const isSetting = (name) => !OWN.has(name) && !name.startsWith("data-") && !name.startsWith("aria-");

class MmmlDemo extends HTMLElement {
  connectedCallback() {
    if (this.frame) return;
    const demo = this.getAttribute("demo") ?? "";
    if (!DEMOS.has(demo)) {
      this.textContent = `mmml: unknown demo "${demo}"; choose one of ${[...DEMOS.keys()].join(", ")}.`;
      return;
    }

    const url = new URL(`${demo}.html`, SITE);
    for (const { name, value } of this.attributes) {
      if (isSetting(name)) url.searchParams.set(name, value);
    }
    url.searchParams.set("embed", "1");

    this.frame = document.createElement("iframe");
    this.frame.title = `mmml demo: ${demo}`;
    this.frame.style.cssText = "display:block;width:100%;border:0";
    this.frame.style.height = `${Number.parseInt(this.getAttribute("height") ?? "", 10) || DEMOS.get(demo)}px`;
    this.style.display = "block";
    this.appendChild(this.frame);

    this.observer = new IntersectionObserver(([entry]) => {
      if (entry.isIntersecting && !this.frame.src) this.frame.src = url.href;
      this.frame.contentWindow?.postMessage(
        { mmml: "visibility", visible: entry.isIntersecting },
        SITE.origin,
      );
    });
    this.observer.observe(this);
  }

  disconnectedCallback() {
    this.observer?.disconnect();
  }
}

if (!customElements.get("mmml-demo")) customElements.define("mmml-demo", MmmlDemo);
