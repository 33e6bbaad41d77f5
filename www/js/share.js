// Sharing a demo's setup: the "copy link" button and the embedding snippets
// (an iframe, or one <mmml-demo> tag), both carrying the teacher options.

import { changedFields, linkFor } from "./state.js";
import { teacherOptions } from "./teacher.js";

const $ = (id) => document.getElementById(id);

/** `text` safe inside a double-quoted HTML attribute. */
const escapeAttribute = (text) =>
  String(text)
    .replaceAll("&", "&amp;")
    .replaceAll('"', "&quot;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");

/**
 * Wires the page's #copy-link, #show-embed, #embed-iframe and #embed-element.
 * `setup()` gives the current state of `schema`; `demo` is the page's name
 * for embed.js, `title` its iframe title, `height` its height in pixels.
 * `caveat()`, if given, says what the link does not reproduce (or "").
 */
export function bindSharing({ schema, setup, demo, title, height, caveat = () => "" }) {
  $("copy-link").addEventListener("click", async () => {
    const link = linkFor(schema, setup(), teacherOptions());
    try {
      await navigator.clipboard.writeText(link);
      $("link-status").textContent = ["Link copied.", caveat()].join(" ").trim();
    } catch {
      $("link-status").textContent = [link, caveat()].join(" ").trim();
    }
  });

  $("show-embed").addEventListener("click", () => {
    const open = $("embed-code").hidden;
    $("embed-code").hidden = !open;
    $("show-embed").setAttribute("aria-expanded", String(open));
    if (!open) return;
    // A page opened from disk has a file:// address, which no course page can
    // embed: the snippets then name the files relatively, for a copy of the
    // site (dist/offline/site/) put beside the course page.
    const fromDisk = window.location.protocol === "file:";
    const address = (url) => (fromDisk ? url.pathname.split("/").pop() + url.search : url.href);
    $("link-status").textContent = [
      caveat(),
      fromDisk
        ? "This page was opened from disk, so the snippets use relative addresses: put the site folder (dist/offline/site/) on your course server, next to the page that embeds the demo."
        : "",
    ]
      .join(" ")
      .trim();
    const state = setup();
    const extra = teacherOptions();
    extra.set("embed", "1");
    $("embed-iframe").value =
      `<iframe src="${escapeAttribute(address(new URL(linkFor(schema, state, extra))))}" title="${title}" width="100%" ` +
      `height="${height}" style="border: 0"></iframe>`;
    const attributes = [...changedFields(schema, state), ...teacherOptions(), ["height", String(height)]]
      .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
      .join("");
    const site = new URL(".", window.location.href);
    $("embed-element").value =
      `<script type="module" src="${address(new URL("embed.js", site))}"></script>\n` +
      `<mmml-demo demo="${demo}"${attributes}></mmml-demo>`;
  });
}
