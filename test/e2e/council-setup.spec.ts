// A council makes the portal its own, in a real browser: its admin renames a service area, adds a
// team with a social worker who has no account and a manager, and sets the out-of-hours number
// and the Pledge; a visitor sees the new number and Pledge at once; a compliment about the team
// reaches the social worker and the manager at the mail server, without the sender's details.
// (At Aberhaven, so no other test's Westmoor pages change underneath it.)
import { expect, test, type Page } from "@playwright/test";
import { mailIn } from "../support/smtp-receiver";
import { aberhaven, expectAccessible, preloadAxe, signIn } from "./helpers";

async function save(page: Page, button = "main form button[type=submit]") {
  await page.locator(button).first().click();
  await page.waitForLoadState("load");
  await expect(page.locator(".error-summary")).toHaveCount(0);
}

test("an admin sets the council up; visitors see it at once; a compliment reaches the team", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const team = `Riverside Family Support ${stamp}`;
  const worker = `jo.bloggs.${stamp}@aberhaven.example`;
  const outOfHours = "0300 765 2468";
  const pledge = `We will always listen, and tell you what happens next (${stamp}).`;

  const adminContext = await browser.newContext();
  await preloadAxe(adminContext);
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@aberhaven.example", aberhaven());
  await admin.getByRole("link", { name: /Set up the council/ }).click();
  await expectAccessible(admin, "council settings");

  // A service area renamed (English and Welsh).
  await admin.getByRole("link", { name: "Service areas" }).click();
  await admin.getByRole("link", { name: "Fostering", exact: true }).click();
  await admin.getByLabel("In English", { exact: true }).fill("Fostering and adoption");
  await admin.getByLabel(/Cymraeg/).fill("Maethu a mabwysiadu");
  await save(admin);
  await expect(admin.locator(".notice")).toContainText("Your changes are saved");
  await admin.getByRole("link", { name: "Back to service areas" }).click();
  await expect(admin.locator("table")).toContainText("Fostering and adoption");

  // A team with a social worker known only by name and address, and a manager with an account.
  await admin.getByRole("link", { name: "Back to council settings" }).click();
  await admin.getByRole("link", { name: "Teams and people" }).click();
  await admin.getByLabel("Team name").fill(team);
  await save(admin);
  await expect(admin.locator("h1")).toHaveText(team);
  await admin.getByLabel("Name", { exact: true }).fill("Jo Bloggs");
  await admin.getByLabel("Email address").fill(worker);
  await save(admin, "form:has(input[name=intent][value=add-member]) button[type=submit]");
  await admin
    .getByLabel("Their account")
    .selectOption({ label: "Helen Price (manager@aberhaven.example)" });
  await admin.getByLabel(/This person manages the team/).check();
  await save(admin, "form:has(input[name=intent][value=add-member]) button[type=submit]");
  const members = admin.locator("main table");
  await expect(members).toContainText("Jo Bloggs");
  await expect(members).toContainText("Email only");
  await expect(members).toContainText("Manager");
  await expectAccessible(admin, "a team");

  // The out-of-hours number and the Pledge.
  await admin.getByRole("link", { name: "Back to teams" }).click();
  await admin.getByRole("link", { name: "Back to council settings" }).click();
  await admin.getByRole("link", { name: "Name and contact details" }).click();
  await admin.getByLabel("Out-of-hours phone number").fill(outOfHours);
  await save(admin);
  await admin.getByRole("link", { name: "Back to council settings" }).click();
  await admin.getByRole("link", { name: "Booklet and Pledge" }).click();
  await admin.locator('textarea[name="pledge.en"]').fill(pledge);
  await save(admin);
  await expect(admin.locator("main")).toContainText("Last changed by Chris Lee");

  // A visitor, straight away, on pages a first visit may be given ready-made.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${aberhaven()}/`);
  await expect(visitor.locator(".help-now")).toContainText(outOfHours);
  await visitor.goto(`${aberhaven()}/listen-to-me`);
  await expect(visitor.locator(".pledge")).toContainText(pledge);
  await expect(visitor.locator(".help-now")).toContainText(outOfHours);

  // The complaints officer logs a compliment from a letter, about the team.
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "complaints@aberhaven.example", aberhaven());
  await officer.goto(`${aberhaven()}/staff/representations/new`);
  const today = new Date();
  await officer.locator('[name="receivedOn-day"]').fill(String(today.getDate()));
  await officer.locator('[name="receivedOn-month"]').fill(String(today.getMonth() + 1));
  await officer.locator('[name="receivedOn-year"]').fill(String(today.getFullYear()));
  await officer.locator('[name="kind"][value="compliment"]').check();
  await officer.locator('[name="contactMethod"][value="letter"]').check();
  const words = `Jo and the team stood by us all winter (${stamp}).`;
  await officer.locator('[name="summary"]').fill(words);
  await officer.locator('[name="serviceArea"]').selectOption({ label: "Fostering and adoption" });
  await officer.locator('[name="complimentTeamId"]').selectOption({ label: team });
  await officer.locator('[name="madeBy"][value="other"]').check();
  await officer.locator('[name="lookedAfterChild"][value="no"]').check();
  await officer.locator('[name="senderName"]').fill("Mrs Private Sender");
  await officer.locator('[name="replyMethod"][value="letter"]').check();
  await officer.locator('[name="replyTo"]').fill("7 Secret Lane, Aberhaven");
  await officer.locator("main form button[type=submit]").click();
  await officer.waitForURL(/\/staff\/representations\/[0-9a-f-]{36}/);

  const about = (to: string) =>
    mailIn(process.env.E2E_MAIL_FOLDER!).filter(
      (mail) => mail.to.includes(to) && mail.text.includes(words),
    );
  await expect.poll(() => about(worker).length, { timeout: 15_000 }).toBe(1);
  await expect.poll(() => about("manager@aberhaven.example").length).toBe(1);
  for (const mail of [...about(worker), ...about("manager@aberhaven.example")]) {
    expect(mail.subject).toMatch(/A compliment for you/);
    expect(mail.text).not.toMatch(/Private Sender|Secret Lane/);
  }
  // The case says who it was passed to.
  await officer.goto(officer.url());
  await expect(officer.locator("main")).toContainText("Jo Bloggs");
  await expect(officer.locator("main")).toContainText("Helen Price");
  // …and its history says so in words.
  await expect(officer.locator("main table")).toContainText("Compliment passed on");
});
