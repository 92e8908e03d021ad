import {Account, Project, ProjectDetail, Task} from "./models.js"

export interface Seeded {
  acme: Account
  alpha: Project
  beta: Project
  taskA: Task
  taskB: Task
  taskC: Task
  taskD: Task
}

const minute = 60_000
const start = Date.parse("2024-01-01T00:00:00Z")

/**
 * Alpha (public, Acme's, active detail) has Task A (open, accepted) and Task B (archived);
 * Beta (private, inactive detail) has Task C (open, completed); Task D (open) has no project.
 * Tasks are created a minute apart, A first.
 */
export async function seedProjects(): Promise<Seeded> {
  const acme = await Account.create({name: "Acme"})
  const alpha = await Project.create({name: "Alpha", public: true, accountId: acme.id()})
  const beta = await Project.create({name: "Beta", public: false})

  await ProjectDetail.create({projectId: alpha.id(), isActive: true})
  await ProjectDetail.create({projectId: beta.id(), isActive: false})

  const at = (index: number) => new Date(start + index * minute)
  const taskA = await Task.create({name: "Task A", projectId: alpha.id(), status: "open", state: "accepted", createdAt: at(0)})
  const taskB = await Task.create({name: "Task B", projectId: alpha.id(), status: "archived", createdAt: at(1)})
  const taskC = await Task.create({name: "Task C", projectId: beta.id(), status: "open", completedAt: at(5), createdAt: at(2)})
  const taskD = await Task.create({name: "Task D", status: "open", createdAt: at(3)})

  return {acme, alpha, beta, taskA, taskB, taskC, taskD}
}

export function names(records: Task[] | Project[]): (string | null)[] {
  return records.map((record) => record.name())
}
