import Migration from "velocious/build/src/database/migration/index.js"

export default class CreateProjects extends Migration {
  async up() {
    await this.createTable("projects", (t) => {
      t.string("name", {null: false})
      t.timestamps()
    })
  }

  async down() {
    await this.dropTable("projects")
  }
}
