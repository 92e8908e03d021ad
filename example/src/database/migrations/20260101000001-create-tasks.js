import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateTasks extends Migration {
  async up() {
    await this.createTable("tasks", (t) => {
      t.references("project")
      t.string("name", {null: false})
      t.boolean("done")
      t.timestamps()
    })
  }

  async down() {
    await this.dropTable("tasks")
  }
}
