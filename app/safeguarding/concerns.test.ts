import { expect, test } from "vitest";
import { findConcerns } from "./concerns";
import { SHIPPED_PHRASES } from "./phrases";

const all = Object.values(SHIPPED_PHRASES).flat();

test.each([
  { text: "My foster dad HITS me when I’m late", found: ["hits me"] },
  { text: "I don’t feel safe at home.", found: ["don't feel safe"] },
  { text: "sometimes I want to   die", found: ["want to die"] },
  { text: "sometimes I want to die.", found: ["want to die"] },
  { text: "It hurt when I fell off my bike", found: ["hurt"] },
  { text: "I like shurts and hurtles", found: [] },
  { text: "Dw i ddim yn saff adre", found: ["ddim yn saff"] },
  { text: "Tata bije mnie", found: ["bije mnie"] },
  { text: "گھر میں محفوظ نہیں ہوں", found: ["محفوظ نہیں"] },
  { text: "School is great and I love football", found: [] },
])("$text → $found", ({ text, found }) => {
  // spacing, case, punctuation and curly apostrophes do not hide a phrase
  expect(findConcerns([text], all)).toEqual(found);
});

test("a council's own phrase is found too", () => {
  expect(findConcerns(["they took my phone away"], [...all, "took my phone"])).toEqual([
    "took my phone",
  ]);
});
