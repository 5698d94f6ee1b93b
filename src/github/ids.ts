//! Purpose: GraphQL node ids the executor needs, gathered from payloads and reads (names and logins are case-insensitive).

export class IdBook {
  readonly labels = new Map<string, string>();
  readonly users = new Map<string, string>();
  readonly issues = new Map<number, string>();
  repositoryId: string | undefined;
  milestones: { id: string; number: number; title: string; dueOn: string | null }[] | undefined;

  addLabel(name: string, id: string | undefined): void {
    if (id) this.labels.set(name.toLowerCase(), id);
  }

  addUser(login: string, id: string | undefined): void {
    if (id) this.users.set(login.toLowerCase(), id);
  }

  label(name: string): string | undefined {
    return this.labels.get(name.toLowerCase());
  }

  user(login: string): string | undefined {
    return this.users.get(login.toLowerCase());
  }

  merge(other: IdBook): void {
    for (const [name, id] of other.labels) this.labels.set(name, id);
    for (const [login, id] of other.users) this.users.set(login, id);
    for (const [number, id] of other.issues) this.issues.set(number, id);
    this.repositoryId ??= other.repositoryId;
    this.milestones ??= other.milestones;
  }
}
