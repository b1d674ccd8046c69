// A council's settings, changed by its admin: a topic's columns, the service areas. Only an
// admin ("settings:manage") of that same council changes anything; every change is audited with
// what changed and takes effect at once (the council cache is forgotten, kept pages are not used).
import { and, desc, eq, sql } from "drizzle-orm";
import { db, schema, type Transaction } from "#db/client";
import type { LocalisedText } from "#db/schema/constants";
import { recordAudit } from "./audit.server";
import { NotAllowedError, type StaffActor } from "./inbox.server";
import { forgetCachedOrganisations, type Organisation } from "./organisation.server";
import { can } from "./permissions";
import { signInRuleProblem } from "./single-sign-on.server";
import { slugOf } from "#app/utils/slug";

/** Refuses anyone but an admin of this council (a route answers 403). */
export function mayChangeSettings(organisationId: string, staff: StaffActor): void {
  if (staff.organisationId !== organisationId || !can(staff.roles, "settings:manage")) {
    throw new NotAllowedError("settings:manage");
  }
}

/** Saves columns of the council's row, marks when its settings changed, and audits it. */
async function saveSettings(
  tx: Transaction,
  by: { organisation: Pick<Organisation, "id">; staff: StaffActor; clientAddress?: string },
  columns: Record<string, unknown>,
  detail: Record<string, unknown>,
) {
  await tx
    .update(schema.organisation)
    .set({ ...columns, settingsChangedAt: new Date() })
    .where(eq(schema.organisation.id, by.organisation.id));
  await recordAudit(
    {
      organisationId: by.organisation.id,
      action: "settings.changed",
      actorStaffUserId: by.staff.id,
      subjectType: "organisation",
      subjectId: by.organisation.id,
      clientAddress: by.clientAddress,
      detail,
    },
    tx,
  );
}

/** A change the topic's own rules refuse: the field to point at and why (a translation key). */
export class SettingsProblem extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(`${field}: ${key}`);
    this.name = "SettingsProblem";
  }
}

/** Rules a topic's values must keep together, beyond each field's own. */
const TOPIC_RULES: Record<string, (council: Organisation) => Promise<SettingsProblem | undefined>> =
  {
    "sign-in": async (council) => {
      const key = await signInRuleProblem(council, council);
      return key ? new SettingsProblem("staffSignIn", key) : undefined;
    },
  };

/** Values of a topic's columns that differ from the council's now (what the audit names). */
function changedColumns(organisation: Organisation, columns: Record<string, unknown>) {
  return Object.keys(columns).filter(
    (column) =>
      JSON.stringify(organisation[column as keyof Organisation]) !==
      JSON.stringify(columns[column]),
  );
}

/**
 * Saves a topic's columns (already checked) for the admin's own council, audited with the names
 * of the columns that changed (never their values: a phrase list can say a lot).
 */
export async function changeSettings(input: {
  organisation: Organisation;
  staff: StaffActor;
  topic: string;
  columns: Record<string, unknown>;
  clientAddress?: string;
}): Promise<string[]> {
  mayChangeSettings(input.organisation.id, input.staff);
  const problem = await TOPIC_RULES[input.topic]?.({ ...input.organisation, ...input.columns });
  if (problem) throw problem;
  const changed = changedColumns(input.organisation, input.columns);
  if (changed.length === 0) return changed;
  await db().transaction((tx) =>
    saveSettings(tx, input, input.columns, { topic: input.topic, changed }),
  );
  forgetCachedOrganisations();
  return changed;
}

/** Who last changed a topic, and when (the safeguarding page shows it). */
export async function lastChangeOf(organisationId: string, topic: string) {
  const [row] = await db()
    .select({ name: schema.staffUser.name, at: schema.auditEvent.at })
    .from(schema.auditEvent)
    .innerJoin(schema.staffUser, eq(schema.staffUser.id, schema.auditEvent.actorStaffUserId))
    .where(
      and(
        eq(schema.auditEvent.organisationId, organisationId),
        eq(schema.auditEvent.action, "settings.changed"),
        sql`${schema.auditEvent.detail}->>'topic' = ${topic}`,
      ),
    )
    .orderBy(desc(schema.auditEvent.at))
    .limit(1);
  return row;
}

export type ServiceAreaChange =
  | { kind: "add"; name: LocalisedText }
  | { kind: "rename"; key: string; name: LocalisedText }
  | { kind: "retire"; key: string; on: string }
  | { kind: "restore"; key: string };

/** A key for a new area from its English name, unlike any the council has had. */
function newKey(name: string, taken: readonly string[]): string {
  const base = slugOf(name) || "area";
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * Adds, renames, retires or restores a service area. An area is never removed: its key stays on
 * old cases and in old reports; a retired one is offered no more. Returns the area's key, or
 * undefined when the council has no such area.
 */
export async function changeServiceArea(input: {
  organisation: Organisation;
  staff: StaffActor;
  change: ServiceAreaChange;
  clientAddress?: string;
}): Promise<string | undefined> {
  mayChangeSettings(input.organisation.id, input.staff);
  const { change } = input;
  const key = await db().transaction(async (tx) => {
    // Read under a lock, not from the cache: two admins at once each keep their change.
    const [row] = await tx
      .select({ serviceAreas: schema.organisation.serviceAreas })
      .from(schema.organisation)
      .where(eq(schema.organisation.id, input.organisation.id))
      .for("update");
    const areas = [...(row?.serviceAreas ?? [])];
    let key: string;
    if (change.kind === "add") {
      key = newKey(
        change.name.en,
        areas.map((area) => area.key),
      );
      areas.push({ key, name: change.name });
    } else {
      key = change.key;
      const index = areas.findIndex((area) => area.key === key);
      if (index < 0) return undefined;
      const area = { ...areas[index]! };
      if (change.kind === "rename") area.name = change.name;
      if (change.kind === "retire") area.retiredOn = change.on;
      if (change.kind === "restore") delete area.retiredOn;
      areas[index] = area;
    }
    await saveSettings(
      tx,
      input,
      { serviceAreas: areas },
      { topic: "service-areas", change: change.kind, area: key },
    );
    return key;
  });
  forgetCachedOrganisations();
  return key;
}
