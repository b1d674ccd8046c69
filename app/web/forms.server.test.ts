import { describe, expect, test } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, readForm } from "./forms.server";
import { plainText, UNUSUAL_CHARACTER, unusualCharacterProblems } from "#app/utils/plain-text";

const posted = (body: string | FormData) =>
  new Request("http://localhost/anything", {
    method: "POST",
    body,
    ...(typeof body === "string"
      ? { headers: { "Content-Type": "application/x-www-form-urlencoded" } }
      : {}),
  });

describe("reading a posted form", () => {
  test("no field, checked or not, keeps an unusual character: each becomes “�”", async () => {
    const form = await readForm(
      posted("note=a%00b%07c%C2%85d&odd%00name=x&lines=one%0D%0Atwo%09three&emoji=%F0%9F%98%80"),
    );
    expect(form.get("note")).toBe("a\uFFFDb\uFFFDc\uFFFDd");
    expect(form.get("odd\uFFFDname")).toBe("x");
    expect(form.get("lines")).toBe("one\r\ntwo\tthree");
    expect(form.get("emoji")).toBe("😀");
  });

  test("bytes that are not UTF-8 come back as “�”, which every check of typed text refuses", async () => {
    const form = await readForm(posted("name=Sa%FFm"));
    expect(form.get("name")).toBe("Sa\uFFFDm");
    expect(plainText().safeParse(form.get("name")).success).toBe(false);
    expect(unusualCharacterProblems({ name: form.get("name") })).toEqual({
      name: UNUSUAL_CHARACTER,
    });
  });

  test("repeated fields keep their order, and files are left as they are", async () => {
    const body = new FormData();
    body.append("roles", "iro");
    body.append("roles", "manager\u0000");
    body.append("file", new File(["a,b\n"], "cases.csv", { type: "text/csv" }));
    const form = await readForm(posted(body));
    expect(form.getAll("roles")).toEqual(["iro", "manager\uFFFD"]);
    const file = form.get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("cases.csv");
    expect(await (file as File).text()).toBe("a,b\n");
  });
});

describe("a schema's problems as words", () => {
  const schema = z.object({
    email: z.string().min(1, "staff:signIn.errors.emailMissing").max(5),
    choice: z.array(z.enum(["offered", "taken"])),
  });
  test("a key of ours stays; the validator's own English becomes plain translated words", () => {
    const problems = (value: unknown) => fieldErrorsOf(schema.safeParse(value).error!);
    expect(problems({ email: "", choice: [] })).toEqual({
      email: "staff:signIn.errors.emailMissing",
    });
    expect(problems({ email: "far too long", choice: ["nonsense"] })).toEqual({
      email: "common:form.errors.tooLong",
      choice: "common:form.errors.notRight",
    });
  });
});
