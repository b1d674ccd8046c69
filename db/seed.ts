// The demo councils, their staff and password: facts only (app/models/demo.server.ts makes them).
import type { schema } from "./client";
import type { StaffRole } from "./schema/constants";

/** Every demo account uses this password. The README lists the accounts. */
export const DEMO_PASSWORD = "listen-to-children";

/**
 * The authenticator key of the demo admins and managers (who need a code after their password):
 * add it to an authenticator app to sign in as them. Published, like the password: demo only.
 */
export const DEMO_AUTHENTICATOR_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Someone in a demo team: a demo account (by the start of its address), or a name and address. */
type DemoMember = ({ local: string } | { name: string; email: string }) & { manager?: boolean };

type DemoCouncil = typeof schema.organisation.$inferInsert & {
  emailDomain: string;
  teams: string[];
  members?: Record<string, DemoMember[]>;
};

export const DEMO_STAFF: { local: string; name: string; role: StaffRole }[] = [
  { local: "iro", name: "Priya Shah", role: "iro" },
  { local: "iro2", name: "Daniel Hughes", role: "iro" },
  { local: "chair", name: "Tom Evans", role: "cp_chair" },
  { local: "fgc", name: "Grace Okafor", role: "fgc_coordinator" },
  { local: "complaints", name: "Sam Jones", role: "complaints_officer" },
  { local: "advocacy", name: "Alex Morgan", role: "advocacy_provider" },
  { local: "manager", name: "Helen Price", role: "manager" },
  { local: "admin", name: "Chris Lee", role: "admin" },
];

const SERVICE_AREAS = [
  {
    key: "neighbourhood",
    name: {
      en: "Neighbourhood teams",
      cy: "Timau cymdogaeth",
      pl: "Zespoły lokalne",
      ur: "محلے کی ٹیمیں",
    },
  },
  {
    key: "children-in-care",
    name: {
      en: "Children in care",
      cy: "Plant mewn gofal",
      pl: "Dzieci w pieczy",
      ur: "نگہداشت میں بچے",
    },
  },
  {
    key: "fostering",
    name: { en: "Fostering", cy: "Maethu", pl: "Rodziny zastępcze", ur: "فوسٹرنگ" },
  },
  {
    key: "iro-service",
    reviewingService: true,
    name: {
      en: "Independent reviewing service",
      cy: "Gwasanaeth adolygu annibynnol",
      pl: "Niezależny przegląd",
      ur: "آزاد جائزہ سروس",
    },
  },
  {
    key: "youth-justice",
    name: {
      en: "Youth justice",
      cy: "Cyfiawnder ieuenctid",
      pl: "Wymiar sprawiedliwości dla młodzieży",
      ur: "نوجوانوں کا انصاف",
    },
  },
];

export const DEMO_COUNCILS: DemoCouncil[] = [
  {
    slug: "westmoor",
    name: "Westmoor Borough Council",
    shortName: "Westmoor",
    hostnames: [],
    emailDomain: "westmoor.example",
    contactEmail: "haveyoursay@westmoor.example",
    contactPhone: "0300 123 4000",
    outOfHoursPhone: "0300 123 4999",
    postalAddress: "Children's Services, Town Hall, Market Street, Westmoor WM1 1AA",
    bankHolidayRegion: "england-and-wales",
    serviceAreas: SERVICE_AREAS,
    bookletTitle: {
      en: "Listen to Me",
      cy: "Gwrandewch arna i",
      pl: "Posłuchaj mnie",
      ur: "میری بات سنیں",
    },
    pledge: {
      en: "We will listen to you, explain our decisions and keep our promises.",
    },
    accessibilityStatement: {
      en: "Westmoor Borough Council runs this website. If you need information in another format, such as large print, easy read, audio or Braille, email haveyoursay@westmoor.example or call 0300 123 4000. We will reply within 5 working days.",
    },
    accessibilityStatementPreparedOn: "2026-11-22",
    privacyNotice: {
      en: "Westmoor Borough Council is the data controller. We use what you tell us to arrange your review, answer your comment or complaint, and improve our services. We keep it for as long as the law says for children's social care records.",
    },
    dataProtectionOfficerEmail: "dpo@westmoor.example",
    dutyTeamEmail: "duty@westmoor.example",
    teams: [
      "Independent Reviewing Service",
      "Complaints and Representations",
      "Family Group Conference Service",
      "Westmoor Central Children's Team",
    ],
    members: {
      "Independent Reviewing Service": [
        { local: "iro" },
        { local: "iro2" },
        { local: "manager", manager: true },
      ],
      "Family Group Conference Service": [{ local: "fgc" }, { local: "manager", manager: true }],
      // A social worker without an account: compliments reach them all the same.
      "Westmoor Central Children's Team": [
        { name: "Sam Carter", email: "sam.carter@westmoor.example" },
        { local: "manager", manager: true },
      ],
    },
  },
  {
    slug: "aberhaven",
    name: "Aberhaven County Council",
    shortName: "Aberhaven",
    hostnames: ["aberhaven.localhost"],
    emailDomain: "aberhaven.example",
    contactEmail: "dweud-eich-dweud@aberhaven.example",
    contactPhone: "0300 765 1000",
    outOfHoursPhone: "0300 765 1999",
    postalAddress: "Children's Services, County Hall, Quay Road, Aberhaven AB1 2CD",
    bankHolidayRegion: "england-and-wales",
    serviceAreas: SERVICE_AREAS,
    bookletTitle: {
      en: "Listen to Me",
      cy: "Gwrandewch arna i",
      pl: "Posłuchaj mnie",
      ur: "میری بات سنیں",
    },
    pledge: { en: "Our promise: your voice is heard and you know what happens next." },
    accessibilityStatement: {
      en: "Aberhaven County Council runs this website. For information in another format, email dweud-eich-dweud@aberhaven.example or call 0300 765 1000.",
      cy: "Cyngor Sir Aberhaven sy'n rhedeg y wefan hon. I gael gwybodaeth mewn fformat arall, e-bostiwch dweud-eich-dweud@aberhaven.example neu ffoniwch 0300 765 1000.",
    },
    accessibilityStatementPreparedOn: "2026-11-22",
    privacyNotice: {
      en: "Aberhaven County Council is the data controller for what you tell us here.",
      cy: "Cyngor Sir Aberhaven yw'r rheolydd data ar gyfer yr hyn rydych yn ei ddweud wrthym yma.",
    },
    dataProtectionOfficerEmail: "dpo@aberhaven.example",
    dutyTeamEmail: "duty@aberhaven.example",
    teams: ["Independent Reviewing Service", "Complaints and Representations"],
  },
];

export { demoPublicUrl, demoSignInClient } from "./demo-addresses.js";
