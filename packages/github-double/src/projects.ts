//! Purpose: the double's Projects (v2): organisation projects, single-select fields, items, and the `projects_v2_item` webhook.
import { orgJson, userJson } from "./rest-shapes.js";
import { DoubleError, type Store } from "./store.js";
import type { Delivery, Issue, Repo } from "./types.js";

export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string;
}

export interface ProjectField {
  nodeId: string;
  databaseId: number;
  name: string;
  /** `SINGLE_SELECT` fields have options; the others (TEXT, TITLE…) are modelled only to be skipped. */
  dataType: "SINGLE_SELECT" | "TEXT" | "TITLE";
  options: SelectOption[];
}

export interface ProjectItem {
  id: number;
  nodeId: string;
  repo: Repo;
  issue: Issue;
  creator: string;
  createdAt: string;
  updatedAt: string;
  /** field node id → option id. */
  values: Map<string, string>;
  /**
   * field node id → the value's own `creator`, `createdAt` and `updatedAt` (ProjectV2ItemFieldSingleSelectValue):
   * changing a value keeps its creator and creation time, as an update does; clearing it deletes the value.
   */
  valueFacts: Map<string, ValueFacts>;
}

export interface ValueFacts {
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface Project {
  id: number;
  nodeId: string;
  number: number;
  org: string;
  title: string;
  fields: ProjectField[];
  items: ProjectItem[];
}

interface Model {
  projects: Project[];
  /** Every project node id, field node id and item node id → what it names. */
  nodes: Map<string, { project: Project; field?: ProjectField; item?: ProjectItem }>;
}

const models = new WeakMap<Store, Model>();

/** Kept beside the store rather than in it: projects are the only model the store does not own. */
export function projectsOf(store: Store): Model {
  let model = models.get(store);
  if (!model) {
    model = { projects: [], nodes: new Map() };
    models.set(store, model);
  }
  return model;
}

export interface ProjectSeed {
  org: string;
  number: number;
  title?: string;
  /** Single-select fields by name, with their option names, e.g. `{ Status: ["Inbox", "Done"] }`. */
  fields: Record<string, string[]>;
}

/** Creates an organisation project; GitHub gives every project a `Title` field first. */
export function addProject(store: Store, seed: ProjectSeed): Project {
  // Only organisations have v2 projects the app can reach: a seeded owner becomes one.
  const owner = store.findUser(seed.org);
  if (owner) owner.type = "Organization";
  else store.user(seed.org, "Organization");
  const model = projectsOf(store);
  const id = store.id();
  const project: Project = { id, nodeId: store.nodeId("PVT", id), number: seed.number, org: seed.org, title: seed.title ?? `Project ${seed.number}`, fields: [], items: [] };
  model.projects.push(project);
  model.nodes.set(project.nodeId, { project });
  const title = store.id();
  project.fields.push({ nodeId: store.nodeId("PVTF", title), databaseId: title, name: "Title", dataType: "TITLE", options: [] });
  for (const [name, options] of Object.entries(seed.fields)) {
    const fieldId = store.id();
    const field: ProjectField = { nodeId: store.nodeId("PVTSSF", fieldId), databaseId: fieldId, name, dataType: "SINGLE_SELECT", options: [] };
    for (const option of options) field.options.push(newOption(store, option));
    project.fields.push(field);
    model.nodes.set(field.nodeId, { project, field });
  }
  return project;
}

function newOption(store: Store, name: string): SelectOption {
  // GitHub's option ids are short hex strings, unique within the field.
  return { id: store.id().toString(16).padStart(8, "0"), name, color: "GRAY", description: "" };
}

export function findProject(store: Store, org: string, number: number): Project | undefined {
  return projectsOf(store).projects.find((p) => p.org.toLowerCase() === org.toLowerCase() && p.number === number);
}

export function fieldByName(project: Project, name: string): ProjectField | undefined {
  return project.fields.find((field) => field.name === name);
}

export function itemsOfIssue(store: Store, issue: Issue): ProjectItem[] {
  return projectsOf(store).projects.flatMap((project) => project.items.filter((item) => item.issue === issue));
}

export function projectOfItem(store: Store, item: ProjectItem): Project {
  return projectsOf(store).nodes.get(item.nodeId)!.project;
}

/** `addProjectV2ItemById`: adding content already on the project returns its existing item, as GitHub does. */
export function addItem(store: Store, project: Project, repo: Repo, issue: Issue, actor: string, emit: (d: Delivery) => void): ProjectItem {
  const existing = project.items.find((item) => item.issue === issue);
  if (existing) return existing;
  const id = store.id();
  const now = store.now();
  const item: ProjectItem = { id, nodeId: store.nodeId("PVTI", id), repo, issue, creator: actor, createdAt: now, updatedAt: now, values: new Map(), valueFacts: new Map() };
  project.items.push(item);
  projectsOf(store).nodes.set(item.nodeId, { project, item });
  emit(itemDelivery(store, project, item, "created", actor, {}));
  return item;
}

/** Sets a single-select value (null clears it) and sends `projects_v2_item.edited` with `from`/`to`. */
export function setItemOption(
  store: Store,
  project: Project,
  item: ProjectItem,
  field: ProjectField,
  optionId: string | null,
  actor: string,
  emit: (d: Delivery) => void,
): void {
  const to = optionId === null ? null : field.options.find((option) => option.id === optionId);
  if (to === undefined) throw new DoubleError(422, `The single select option Id does not belong to the field`, "UNPROCESSABLE");
  const fromId = item.values.get(field.nodeId);
  if ((fromId ?? null) === optionId) return;
  const from = field.options.find((option) => option.id === fromId) ?? null;
  const now = store.now();
  if (optionId === null) {
    item.values.delete(field.nodeId);
    item.valueFacts.delete(field.nodeId);
  } else {
    item.values.set(field.nodeId, optionId);
    const facts = item.valueFacts.get(field.nodeId);
    if (facts) facts.updatedAt = now;
    else item.valueFacts.set(field.nodeId, { creator: actor, createdAt: now, updatedAt: now });
  }
  item.updatedAt = now;
  const json = (option: SelectOption | null) => option && { id: option.id, name: option.name, color: option.color, description: option.description };
  const change = { field_node_id: field.nodeId, field_type: "single_select", field_name: field.name, project_number: project.number, from: json(from), to: json(to) };
  emit(itemDelivery(store, project, item, "edited", actor, { field_value: change }));
}

/** A person on the board: moves a card to the option named `option` (the webhook it causes). */
export function moveCard(store: Store, project: Project, item: ProjectItem, fieldName: string, option: string | null, actor: string): Delivery[] {
  const field = fieldByName(project, fieldName);
  if (!field) throw new DoubleError(404, `no field ${fieldName}`);
  const id = option === null ? null : field.options.find((o) => o.name === option)?.id;
  if (id === undefined) throw new DoubleError(404, `no option ${option} in ${fieldName}`);
  const deliveries: Delivery[] = [];
  store.user(actor);
  setItemOption(store, project, item, field, id, actor, (d) => void deliveries.push(d));
  return deliveries;
}

/** A person renames an option in the project's settings (its id stays, as on GitHub). */
export function renameOption(project: Project, fieldName: string, from: string, to: string): void {
  const option = fieldByName(project, fieldName)?.options.find((o) => o.name === from);
  if (!option) throw new DoubleError(404, `no option ${from}`);
  option.name = to;
}

/** A person deletes an option: items that had it lose their value. */
export function deleteOption(project: Project, fieldName: string, name: string): void {
  const field = fieldByName(project, fieldName);
  const option = field?.options.find((o) => o.name === name);
  if (!field || !option) throw new DoubleError(404, `no option ${name}`);
  field.options = field.options.filter((o) => o !== option);
  for (const item of project.items) {
    if (item.values.get(field.nodeId) !== option.id) continue;
    item.values.delete(field.nodeId);
    item.valueFacts.delete(field.nodeId);
  }
}

/** The option name an item shows in a field (what a person sees on the board). */
export function itemOption(project: Project, item: ProjectItem, fieldName: string): string | null {
  const field = fieldByName(project, fieldName);
  const id = field && item.values.get(field.nodeId);
  return field?.options.find((option) => option.id === id)?.name ?? null;
}

/** `projects_v2_item.<action>`: organisation-level, so no `repository`, as GitHub sends it. */
function itemDelivery(store: Store, project: Project, item: ProjectItem, action: string, sender: string, changes: Record<string, unknown>): Delivery {
  const installation = [...store.installations.values()].find((i) => i.account.toLowerCase() === project.org.toLowerCase());
  const payload: Record<string, unknown> = {
    action,
    ...(Object.keys(changes).length && { changes }),
    projects_v2_item: {
      id: item.id,
      node_id: item.nodeId,
      project_node_id: project.nodeId,
      content_node_id: item.issue.nodeId,
      content_type: item.issue.pull ? "PullRequest" : "Issue",
      creator: userJson(store.user(item.creator)),
      created_at: item.createdAt,
      updated_at: item.updatedAt,
      archived_at: null,
    },
    organization: orgJson(store.user(project.org)),
    sender: userJson(store.user(sender)),
  };
  if (installation) payload.installation = { id: installation.id, node_id: installation.nodeId };
  return { id: store.deliveryId(), name: "projects_v2_item", payload: payload as Delivery["payload"] };
}
