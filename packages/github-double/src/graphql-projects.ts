//! Purpose: GraphQL for Projects (v2) as GitHub's schema defines it: organization.projectV2, fields, items, and their two mutations.
import { connection, type PageArgs } from "./graphql-connection.js";
import { issueView } from "./graphql-issue.js";
import { actorView, type GCtx, type View } from "./graphql-views.js";
import { requirePermission } from "./permissions.js";
import {
  addItem,
  findProject,
  itemsOfIssue,
  projectOfItem,
  projectsOf,
  setItemOption,
  type Project,
  type ProjectField,
  type ProjectItem,
  type SelectOption,
} from "./projects.js";
import { WEB } from "./rest-shapes.js";
import { DoubleError } from "./store.js";
import type { Issue } from "./types.js";

type Input = Record<string, unknown>;

/** Reading a project needs `organization_projects: read`; writing, `write` (GitHub's app permission). */
function allow(g: GCtx, write: boolean): void {
  requirePermission(g.store, g.principal, ["organization_projects"], write);
}

function optionView(option: SelectOption): View {
  return {
    __typename: "ProjectV2SingleSelectFieldOption",
    id: option.id,
    name: option.name,
    nameHTML: option.name,
    color: option.color,
    description: option.description,
    descriptionHTML: option.description,
  };
}

function fieldView(g: GCtx, project: Project, field: ProjectField): View {
  const common = {
    id: field.nodeId,
    databaseId: field.databaseId,
    name: field.name,
    dataType: field.dataType,
    createdAt: g.store.now(),
    updatedAt: g.store.now(),
    project: () => projectView(g, project),
  };
  if (field.dataType !== "SINGLE_SELECT") return { __typename: "ProjectV2Field", ...common };
  return {
    __typename: "ProjectV2SingleSelectField",
    ...common,
    options: (args: { names?: string[] | null }) =>
      field.options.filter((option) => !args.names || args.names.includes(option.name)).map(optionView),
  };
}

function valueView(g: GCtx, project: Project, item: ProjectItem, field: ProjectField): View | null {
  const option = field.options.find((o) => o.id === item.values.get(field.nodeId));
  if (!option) return null;
  const facts = item.valueFacts.get(field.nodeId);
  return {
    __typename: "ProjectV2ItemFieldSingleSelectValue",
    id: `${item.nodeId}:${field.nodeId}`,
    name: option.name,
    nameHTML: option.name,
    optionId: option.id,
    color: option.color,
    description: option.description,
    updatedAt: facts?.updatedAt ?? item.updatedAt,
    createdAt: facts?.createdAt ?? item.createdAt,
    databaseId: null,
    field: () => fieldView(g, project, field),
    item: () => itemView(g, project, item),
    creator: () => actorView(g.store, facts?.creator ?? item.creator),
  };
}

export function itemView(g: GCtx, project: Project, item: ProjectItem): View {
  return {
    __typename: "ProjectV2Item",
    id: item.nodeId,
    databaseId: item.id,
    fullDatabaseId: String(item.id),
    type: item.issue.pull ? "PULL_REQUEST" : "ISSUE",
    isArchived: false,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    creator: () => actorView(g.store, item.creator),
    content: () => issueView(g, item.repo, item.issue),
    project: () => projectView(g, project),
    fieldValueByName: (args: { name: string }) => {
      const field = project.fields.find((f) => f.name === args.name);
      return field ? valueView(g, project, item, field) : null;
    },
    fieldValues: (args: PageArgs) => {
      const values = project.fields.flatMap((field) => valueView(g, project, item, field) ?? []);
      return connection(values, args, "fieldValues");
    },
  };
}

export function projectView(g: GCtx, project: Project): View {
  return {
    __typename: "ProjectV2",
    id: project.nodeId,
    databaseId: project.id,
    fullDatabaseId: String(project.id),
    number: project.number,
    title: project.title,
    url: `${WEB}/orgs/${project.org}/projects/${project.number}`,
    closed: false,
    public: false,
    owner: () => ({ ...actorView(g.store, project.org), __typename: "Organization" }),
    field: (args: { name: string }) => {
      const field = project.fields.find((f) => f.name === args.name);
      return field ? fieldView(g, project, field) : null;
    },
    fields: (args: PageArgs) => connection(project.fields.map((field) => fieldView(g, project, field)), args, "fields"),
    items: (args: PageArgs) => connection(project.items.map((item) => itemView(g, project, item)), args, "items"),
  };
}

/** `Issue.projectItems`: the cards of one issue on every project the caller can read. */
export function projectItemsOf(g: GCtx, issue: Issue): (args: PageArgs) => unknown {
  return (args) => {
    const items = itemsOfIssue(g.store, issue);
    if (items.length) allow(g, false);
    return connection(items.map((item) => itemView(g, projectOfItem(g.store, item), item)), args, "projectItems");
  };
}

/** Query root: `organization(login:)` with what a project needs. */
export function projectsRoot(g: GCtx): Record<string, unknown> {
  return {
    organization: (args: { login: string }) => {
      const org = g.store.findUser(args.login);
      if (!org || org.type !== "Organization") throw new DoubleError(404, `Could not resolve to an Organization with the login of '${args.login}'.`);
      return {
        ...actorView(g.store, org.login),
        __typename: "Organization",
        projectV2: (a: { number: number }) => {
          allow(g, false);
          const project = findProject(g.store, org.login, a.number);
          if (!project) throw new DoubleError(404, `Could not resolve to a ProjectV2 with the number ${a.number}.`);
          return projectView(g, project);
        },
      };
    },
  };
}

/** `node(id:)` for a project, field or item id (reading one needs `organization_projects: read`); undefined for other ids. */
export function projectNode(g: GCtx, id: string): View | undefined {
  const entry = projectsOf(g.store).nodes.get(id);
  if (!entry) return undefined;
  allow(g, false);
  if (entry.item) return itemView(g, entry.project, entry.item);
  if (entry.field) return fieldView(g, entry.project, entry.field);
  return projectView(g, entry.project);
}

function projectOf(g: GCtx, id: unknown): Project {
  const entry = projectsOf(g.store).nodes.get(String(id));
  if (!entry || entry.field || entry.item) throw new DoubleError(404, `Could not resolve to a node with the global id of '${String(id)}'`);
  return entry.project;
}

const wrap = (input: Input, payload: Record<string, unknown>) => ({ clientMutationId: input.clientMutationId ?? null, ...payload });

export const projectMutations: Record<string, (args: { input: Input }, g: GCtx) => unknown> = {
  addProjectV2ItemById: ({ input }, g) => {
    allow(g, true);
    const project = projectOf(g, input.projectId);
    const entry = g.store.nodes.get(String(input.contentId));
    if (!entry || (entry.type !== "Issue" && entry.type !== "PullRequest")) {
      throw new DoubleError(404, `Could not resolve to a node with the global id of '${String(input.contentId)}'`);
    }
    g.auth.checkRepoAccess(g.principal, entry.repo, false);
    const item = addItem(g.store, project, entry.repo, entry.issue, g.actor, g.emit);
    return wrap(input, { item: itemView(g, project, item) });
  },
  updateProjectV2ItemFieldValue: ({ input }, g) => {
    allow(g, true);
    const project = projectOf(g, input.projectId);
    const item = projectsOf(g.store).nodes.get(String(input.itemId))?.item;
    if (!item || projectOfItem(g.store, item) !== project) throw new DoubleError(404, `Could not resolve to a node with the global id of '${String(input.itemId)}'`);
    const field = project.fields.find((f) => f.nodeId === input.fieldId);
    if (!field) throw new DoubleError(404, `Could not resolve to a node with the global id of '${String(input.fieldId)}'`);
    const value = (input.value ?? {}) as { singleSelectOptionId?: string | null };
    if (field.dataType !== "SINGLE_SELECT" || value.singleSelectOptionId === undefined) {
      throw new DoubleError(422, "The double models single-select values only", "UNPROCESSABLE");
    }
    setItemOption(g.store, project, item, field, value.singleSelectOptionId, g.actor, g.emit);
    return wrap(input, { projectV2Item: itemView(g, project, item) });
  },
};
