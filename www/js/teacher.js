// Options an instructor sets in the link: `hide=` a comma-separated list of
// control groups to hide (the ids of the page's fieldsets without "group-"),
// `text=0` to hide the explanations, and `embed=1` (set by the embedding
// snippets) for a compact page without the site header.

/** Applies the teacher options of `search` to the page; returns notices. */
export function applyTeacherOptions(search = window.location.search) {
  const params = new URLSearchParams(search);
  const notices = [];

  for (const name of (params.get("hide") ?? "").split(",").filter(Boolean)) {
    const group = /^[a-z]+$/.test(name) ? document.getElementById(`group-${name}`) : null;
    if (group) {
      group.hidden = true;
    } else {
      const groups = [...document.querySelectorAll("[id^=group-]")].map((element) => element.id.slice(6));
      notices.push(
        `"hide=${name.slice(0, 40)}" names no group of controls here, so nothing was hidden for it (the groups: ${groups.join(", ")}).`,
      );
    }
  }
  if (params.get("text") === "0") {
    document.body.classList.add("no-text");
  }
  if (params.get("embed") === "1") {
    document.body.classList.add("embedded");
  }
  return notices;
}

/** The teacher options of the current page, to carry into a link. */
export function teacherOptions(search = window.location.search) {
  const params = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of ["hide", "text", "embed"]) {
    if (params.has(name)) kept.set(name, params.get(name));
  }
  return kept;
}
