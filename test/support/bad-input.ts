// What the bad-input matrix needs to know about the portal: which routes take a POST (from the
// route files, by Remix's flat-routes names) and which forms a page posts, with their fields.
import fs from "node:fs";
import path from "node:path";

/** "staff.invitations.$id.letter.tsx" → "/staff/invitations/:id/letter"; "$.tsx" → "/*". */
export function pathPatternOf(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(/\.(?![^[]*\])/)
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => {
      if (segment === "$") return "*";
      if (segment.startsWith("$")) return `:${segment.slice(1)}`;
      // "sign-in_" is the path "sign-in", outside that route's layout.
      if (segment.endsWith("_")) return segment.slice(0, -1);
      return segment.replace(/\[(.*?)\]/g, "$1");
    });
  return `/${segments.join("/")}`;
}

/** Every route file in the folder that exports an action, as its path pattern. */
export function routesTakingPosts(files: string[], folder = "app/routes"): string[] {
  return files
    .filter((file) => /\.tsx?$/.test(file) && !file.includes(".test."))
    .filter((file) =>
      /export (async )?function action\b|export const action\b/.test(
        fs.readFileSync(path.join(folder, file), "utf8"),
      ),
    )
    .map(pathPatternOf)
    .sort();
}

export type PostedForm = {
  /** Where it posts (its action, or the page itself). */
  action: string;
  csrf: string;
  /** Every field as the page fills it in: hidden values, the first option, checked boxes. */
  fields: Record<string, string>;
  /** The fields a person types or chooses (not hidden). */
  visible: string[];
};

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1];

/** The POST forms on a page whose action is `target` (or that post to the page itself). */
export function formsOn(html: string, target: string): PostedForm[] {
  const forms: PostedForm[] = [];
  for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if ((attribute(open!, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = decode(attribute(open!, "action") ?? target);
    if (action.split("?")[0] !== target) continue;
    const fields: Record<string, string> = {};
    const visible = new Set<string>();
    for (const [tag] of inner!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(tag, "name");
      if (!name) continue;
      const type = (attribute(tag, "type") ?? "text").toLowerCase();
      const value = decode(attribute(tag, "value") ?? "");
      if (type === "hidden") {
        fields[name] = value;
        continue;
      }
      // The trap box stays empty, or the form is refused before anything is read.
      if (name === "leave-empty") continue;
      visible.add(name);
      if (type === "radio" || type === "checkbox") fields[name] ??= value;
      else fields[name] = value || "a";
    }
    for (const [, open] of inner!.matchAll(/<textarea\b([^>]*)>/gi)) {
      const name = attribute(open!, "name");
      if (!name) continue;
      visible.add(name);
      fields[name] = "a";
    }
    for (const [, open, options] of inner!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(open!, "name");
      if (!name) continue;
      visible.add(name);
      const values = [...options!.matchAll(/<option\b[^>]*value="([^"]*)"/gi)].map((m) => m[1]!);
      fields[name] = decode(values.find((value) => value !== "") ?? "");
    }
    forms.push({ action, csrf: fields.csrf ?? "", fields, visible: [...visible] });
  }
  return forms;
}
